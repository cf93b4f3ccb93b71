export * from "./cidr";
export * from "./ipam";
export * from "./security-groups";
export * from "./segments";
export * from "./resources";
export * from "./subnet-plan";
