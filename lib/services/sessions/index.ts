export { login, type LoginInput } from "./login";
export { createSession } from "./create";
export { resolveSession } from "./resolve";
export { endSession } from "./end";
export { endsAt, type SessionRecord } from "./record";
export { sessionIdOf } from "./tokens";
export { LOGIN_WINDOW_MINUTES, MAX_FAILURES_PER_IP, MAX_FAILURES_PER_USER } from "./rate-limit";
