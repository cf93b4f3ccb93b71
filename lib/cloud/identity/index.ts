export * from "./permissions";
export * from "./password-policy";
export * from "./grants";
export * from "./login-policy";
