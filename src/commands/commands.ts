/**
 * The FunctionFile's script (webpack entry "commands", page commands.html). The ribbon has one button, and it
 * opens the task pane (ShowTaskpane), so there is nothing to run here yet. A button of type ExecuteFunction
 * would name a function registered here with Office.actions.associate(name, handler), and the handler
 * would call event.completed() when done.
 */
Office.onReady(() => undefined);

export {};
