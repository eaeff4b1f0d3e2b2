import type { ServiceContext } from "@/lib/services/context";

export function functionArnOf(ctx: Pick<ServiceContext, "settings">, name: string): string {
  return `arn:aws:lambda:${ctx.settings.NIMBUS_REGION}:${ctx.settings.NIMBUS_ACCOUNT_ID}:function:${name}`;
}
