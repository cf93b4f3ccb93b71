export * from "./workflows";
export * from "./recovery";
