/**
 * Who may see and change replacements and onsite visits. The core policy (bot/authz.ts) lets an
 * employee see all of their organization's cases; hardware logistics are narrower on purpose:
 * an employee sees the replacements and visits that are for them, an admin all of the
 * organization's, support everyone's. Outside this the answer is "not found".
 */
import { policy, type Viewer } from "../authz.ts";

/** The fields access is decided on. */
export interface ServiceSubject {
  organizationId: string;
  requesterId: string | null;
  /** The site contact of an onsite visit, who also follows it. */
  contactId?: string | null;
}

/** May the viewer know this RMA or visit exists? */
export function canSeeService(viewer: Viewer, subject: ServiceSubject): boolean {
  if (policy.isSupport(viewer)) return true;
  if (!policy.isCustomer(viewer) || viewer.organizationId !== subject.organizationId) return false;
  if (viewer.role === "admin") return true;
  return viewer.personId !== null && (viewer.personId === subject.requesterId || viewer.personId === subject.contactId);
}

/** The filter of an RMA list for a viewer, or null when they may see none. */
export function rmaFilter(viewer: Viewer): { organizationId?: string; requesterId?: string } | null {
  if (policy.isSupport(viewer)) return {};
  if (!policy.isCustomer(viewer) || !viewer.organizationId) return null;
  if (viewer.role === "admin") return { organizationId: viewer.organizationId };
  return viewer.personId ? { organizationId: viewer.organizationId, requesterId: viewer.personId } : null;
}

/** The filter of a visit list for a viewer (an employee also follows the visits they host). */
export function visitFilter(viewer: Viewer): { organizationId?: string; OR?: ({ requesterId: string } | { contactId: string })[] } | null {
  const scope = rmaFilter(viewer);
  if (!scope?.requesterId) return scope;
  return { organizationId: scope.organizationId, OR: [{ requesterId: scope.requesterId }, { contactId: scope.requesterId }] };
}
