/**
 * Who may see and do what — one policy, used by the services (never by adapters).
 *
 * - employee: sees their organization's cases, comments, confirms, reopens, escalates
 * - admin: all of that, and manages their organization (devices, people, audit)
 * - engineer: works any customer's case, writes internal notes
 * - manager: an engineer who also sees breaches and reassigns
 * - partner: sees only cases shared with their partner, and comments on them publicly
 * Internal notes never reach customers or partners.
 */
import type { Language, Role } from "../core/vocabulary.ts";

/** The person behind an action, as the services see them. */
export interface Viewer {
  personId: string | null;
  name: string;
  role: Role;
  organizationId: string | null;
  partnerId: string | null;
  locale: Language | null;
  /** The IANA zone the person reads times in, from the import file; absent = not set. */
  timeZone?: string | null;
  /** The site the person works at; its zone comes before the organization's. Absent = none. */
  siteId?: string | null;
  /** True for the bot's own scheduled work (timers), which acts on behalf of support. */
  system?: boolean;
}

/** The bot itself, for scheduled actions. */
export const SYSTEM_VIEWER: Viewer = {
  personId: null,
  name: "Switchboard",
  role: "engineer",
  organizationId: null,
  partnerId: null,
  locale: null,
  system: true,
};

interface CaseScope {
  organizationId: string;
  partnerId: string | null;
}

const isSupport = (viewer: Viewer) => viewer.role === "engineer" || viewer.role === "manager";
const isCustomer = (viewer: Viewer) => viewer.role === "employee" || viewer.role === "admin";

export const policy = {
  isSupport,
  isCustomer,

  /** May the viewer know this case exists? Outside this, the answer is always "not found". */
  canSeeCase(viewer: Viewer, subject: CaseScope): boolean {
    if (isSupport(viewer)) return true;
    if (isCustomer(viewer)) return viewer.organizationId !== null && viewer.organizationId === subject.organizationId;
    if (viewer.role === "partner") return viewer.partnerId !== null && viewer.partnerId === subject.partnerId;
    return false;
  },

  /** Internal notes and internal channels. */
  canSeeInternal(viewer: Viewer): boolean {
    return isSupport(viewer);
  },

  /** Status, resolution, internal notes, assignment: the support side only. */
  canWorkCase(viewer: Viewer): boolean {
    return isSupport(viewer);
  },

  /** Confirm it works, reopen, change urgency, escalate: the customer who can see it, or support. */
  canActAsCustomer(viewer: Viewer, subject: CaseScope): boolean {
    return isSupport(viewer) || (isCustomer(viewer) && policy.canSeeCase(viewer, subject));
  },

  /** Public comments: anyone who may see the case. */
  canComment(viewer: Viewer, subject: CaseScope): boolean {
    return policy.canSeeCase(viewer, subject);
  },

  /** Open a case: only people who belong to a customer organization (or support, for one). */
  canOpenCase(viewer: Viewer, organizationId: string): boolean {
    return isSupport(viewer) || (isCustomer(viewer) && viewer.organizationId === organizationId);
  },

  /** Manage an organization's devices, people and settings. */
  canManageOrganization(viewer: Viewer, organizationId: string): boolean {
    return viewer.role === "manager" || (viewer.role === "admin" && viewer.organizationId === organizationId);
  },

  /** The filter a list of cases is restricted to. */
  caseFilter(viewer: Viewer): { organizationId?: string; partnerId?: string } | null {
    if (isSupport(viewer)) return {};
    if (isCustomer(viewer) && viewer.organizationId) return { organizationId: viewer.organizationId };
    if (viewer.role === "partner" && viewer.partnerId) return { partnerId: viewer.partnerId };
    return null;
  },
};
