export * from "./quota";
export * from "./vdc-tree";
