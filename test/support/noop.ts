// An empty program: the cost of starting node with tsx, for tests that time a process.
export {};
