/** English messages. Every user-facing sentence lives here and in es.ts, under the same key. */
export const en = {
  // errors
  "error.lost":
    "Sorry, I could not process your last message after several attempts, and it was set aside for the support team to look at. Please send it again.",
  "quarantine.none": "No inbound events are in quarantine.",
  "quarantine.title": "{count} inbound event(s) in quarantine",
  "quarantine.line": "{at} · {platform} {delivery} · {attempts} attempts · {error}",
  "error.generic": "Sorry, something went wrong on my side. Nothing you typed was lost; please try again in a moment.",
  "error.notFound": "I couldn't find that.",
  "error.caseNotFound": "I couldn't find case {case}. Check the number, or type *cases* to see yours.",
  "error.forbidden": "You can't do that here.",
  "error.unknownCommand": "I don't know the command *{command}*. Type *help* to see what I can do.",
  "error.malformed": "I couldn't read that message. Could you send it again?",
  "error.tooLong": "That message is very long; I read the first part only.",
  "error.unknownPerson":
    "Hi! I don't know you yet, so I can't open or show cases for you. Ask your IT admin to add you to Switchboard (they can import people with their {platform} identity).",
  "error.notLinked": "This workspace isn't connected to a customer account yet. Ask your IT admin to set it up.",
  "error.missingText": "Please add some text: {usage}",
  "error.badSeverity": "Severity must be one of sev1, sev2, sev3 or sev4.",
  "error.badResolution": "The resolution type must be one of: fix, workaround, no_fault_found, partner_fix.",
  "error.badStatus": "Status must be one of: open, waiting_customer, waiting_partner.",
  "error.transition": "Case {case} is {status}; it can't be {action} now.",
  "error.engineersOnly": "Only support engineers can do that.",
  "error.unknownDevice": "I couldn't find a device with serial {serial} in your organization.",
  "error.feature.coming":
    "{feature} is coming soon; I can't do it in chat yet. I can open a case so an engineer handles it: type *open case* and a short description.",

  // help
  "help.title": "Here is what I can do",
  "help.intro": "Write in plain words (English or Spanish) — the commands below are shortcuts.",
  "help.employee":
    "• Describe a problem (\"the Bar 50 in room 4.12 has no sound\") and I'll help or open a case\n• *open case <what is wrong>* — open one straight away\n• *cases* — your organization's cases\n• *case CS-10422* — details and timeline\n• *comment CS-10422 <text>* — add information\n• *severity CS-10422 sev2* — change the urgency\n• *close CS-10422* — it works now\n• *reopen CS-10422 <why>* — it broke again\n• *escalate CS-10422 <why>*",
  "help.engineer":
    "• *note CS-10422 <text>* — an internal note, never shown to the customer\n• *status CS-10422 waiting_customer* — open, waiting_customer, waiting_partner\n• *resolve CS-10422 workaround <what was done>* — fix, workaround, no_fault_found, partner_fix\n• *cases all* — every open case\n• *rma order CS-10422 NB5-2231987 <what the diagnosis found>* — an advance replacement, shipped the next business day; *rma ship|delivered|received RMA-200001* for its steps\n• *onsite RMA-200001* — a technician to install it\n• *audit CS-10422*, *audit denied last 24h* — the audit log, refused requests included\n• *quarantine* — incoming events set aside after repeated failures",
  "help.services":
    '• *rma* — your advance replacements and where they are\n• *parts <part> <model>* — spare-part availability ("do you have a power supply for the Bar 50 in Spain?")\n• *onsite* — technician visits',
  "help.cloudPartners":
    "• *partner CS-10422 [microsoft|zoom|google|webex]* — open a ticket with the cloud partner and bridge it to the case; *partners* — who they are\n• *agreement <partner> <reference> [until YYYY-MM-DD]* — your organization's support agreement with a cloud partner\n• *joint call CS-10422 [when]* — a call with the partner's engineer",
  "help.partnerEngineer":
    "• *cases* — the cases shared with you\n• *case CS-10422* — details and timeline\n• In the case's shared thread, just write: the customer and our engineers see it\n• *partner status CS-10422 in_progress <note>* — your ticket's state: open, in_progress, waiting_vendor, resolved, closed, refused\n• *partner tracking CS-10422 <your ticket number>*\n• *joint call CS-10422 [when]* — a call with everyone on the case",
  "help.admin":
    "• *portal* — register devices, licenses and coverage, software updates and compliance, documents, discounts\n• *device status*, *network check <site>*, *audit CS-10422* / *audit last 24h by @name*",
  "help.shell":
    "Shell: */as employee|admin|engineer|manager|partner* switches the demo person; */whoami*; */quit*. Type a number to press a button.",

  // greetings
  "greeting.hello": "Hi {name}! How can I help? Describe the problem in your own words, or type *help*.",
  "greeting.thanks": "You're welcome! I'm here if anything else comes up.",

  "conversation.fallback": "I can open a case for this: type *open case* followed by what is wrong, or *help* to see everything I can do.",
  // cases
  "case.opened": "I opened case {case}: {title} An engineer will pick it up; I'll post updates here.",
  "case.openedAgain": "Case {case} is already open for this message.",
  "case.card.title": "{case} · {title}",
  "case.fact.status": "Status",
  "case.fact.severity": "Severity",
  "case.fact.device": "Device",
  "case.fact.site": "Site",
  "case.fact.requester": "Requested by",
  "case.fact.assignee": "Engineer",
  "case.fact.opened": "Opened",
  "case.fact.resolution": "Resolution",
  "case.fact.organization": "Customer",
  "case.unassigned": "not assigned yet",
  "case.list.title": "Cases ({count})",
  "case.list.empty": "No cases to show.",
  "case.list.line": "{case} · {severity} · {status} · {title}",
  "case.timeline.title": "Timeline",
  "case.commented": "Added to {case}.",
  "case.noted": "Internal note added to {case} (not visible to the customer).",
  "case.statusChanged": "{case} is now {status}.",
  "case.severityChanged": "{case} severity changed from {from} to {to}.",
  "case.resolved": "{case} is resolved ({resolution}). If it isn't fixed for you, press Reopen or reply *reopen {case}*.",
  "case.reopened": "{case} is open again.",
  "case.closed": "{case} is closed. Thanks for confirming!",
  "case.update.comment": "{author} on {case}: {body}",
  "case.update.note": "Internal note by {author} on {case}: {body}",
  "case.update.status": "{case} is now {status} ({author}).",
  "case.update.severity": "{case} severity: {from} → {to} ({author}).",
  "case.update.resolved": "{case} was resolved by {author} — {resolution}: {body}\nDoes it work for you now?",
  "case.update.resolvedInternal": "{case} was resolved by {author} — {resolution}: {body}",
  "case.update.reopened": "{case} was reopened by {author}: {body}",
  "case.update.closed": "{case} was closed by {author}.",
  "case.new.engineers": "New case {case} from {organization}: {title}",
  "case.autoclosed": "{case} was closed automatically {days} days after it was resolved. Reply *reopen {case}* if the problem comes back.",
  "case.action.view": "View case",
  "case.action.works": "It works now",
  "case.action.reopen": "Reopen",
  "case.action.comment": "Add a comment",
  "case.action.escalate": "Escalate",
  "case.action.take": "Take",
  "case.status.open": "open",
  "case.status.waiting_customer": "waiting for the customer",
  "case.status.waiting_partner": "waiting for the cloud partner",
  "case.status.resolved": "resolved",
  "case.status.closed": "closed",
  "case.resolution.fix": "fix",
  "case.resolution.workaround": "workaround",
  "case.resolution.no_fault_found": "no fault found",
  "case.resolution.partner_fix": "fixed by the cloud partner",
  "case.event.opened": "opened",
  "case.event.comment": "comment",
  "case.event.status": "status",
  "case.event.severity": "severity",
  "case.event.resolved": "resolved",
  "case.event.reopened": "reopened",
  "case.event.closed": "closed",
  "case.event.assigned": "assigned",
  "case.event.partner": "cloud partner",
  "case.event.note": "internal note",
} as const;

export type CoreMessageKey = keyof typeof en;
