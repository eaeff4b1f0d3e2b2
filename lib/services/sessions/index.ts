export { login, type LoginInput } from "@/lib/services/sessions/login";
export { createSession } from "@/lib/services/sessions/create";
export { resolveSession } from "@/lib/services/sessions/resolve";
export { endSession } from "@/lib/services/sessions/end";
export { endsAt, type SessionRecord } from "@/lib/services/sessions/record";
export { sessionIdOf } from "@/lib/services/sessions/tokens";
export { LOGIN_WINDOW_MINUTES, MAX_FAILURES_PER_IP, MAX_FAILURES_PER_USER } from "@/lib/services/sessions/rate-limit";
