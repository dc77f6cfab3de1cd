/** The portal services from a handler's context. */
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { PortalServices } from "./service.ts";

/** The portal services, or a clear refusal when the app was built without them. */
export function portalOf(ctx: Context): PortalServices {
  const portal = ctx.services.portal;
  if (!portal) throw invalid("error.feature.coming", { feature: "The support portal" });
  return portal;
}
