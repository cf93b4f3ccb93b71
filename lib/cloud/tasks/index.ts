export * from "./workflows";
export * from "./recovery";
export * from "./reschedule";
