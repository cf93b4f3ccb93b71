export * from "./permissions";
export * from "./password-policy";
