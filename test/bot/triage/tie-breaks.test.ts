import { describe, expect, it } from "vitest";
import { classify } from "./helpers.ts";

const labels = (text: string) => {
  const r = classify(text);
  return [r.intent, r.category, r.severity];
};

describe("intent tie-breaks (TRIAGE.md §1)", () => {
  it("a request about an existing case or RMA wins over the problem described", () => {
    expect(labels("escalate CS-10422, the room has been dead for 3 days!!")).toEqual(["escalate", "hardware_failure", "sev2"]);
    expect(classify("status of RMA-204511? the bar is still dead").intent).toBe("replacement_status");
    expect(classify("close CS-12345 it works now").intent).toBe("close_case");
  });

  it("escalation wording escalates even without a case id; anger alone does not", () => {
    expect(classify("this is unacceptable, I want someone senior to look at our echo problem").intent).toBe("escalate");
    expect(classify("this is ridiculous, the second bar 50 this month that died on us").intent).toBe("report_issue");
    expect(classify("no need to escalate yet, just checking where CS-40950 stands").intent).toBe("case_status");
  });

  it("a problem plus 'how do I fix it' is a report; how_to needs nothing broken", () => {
    expect(labels("speak40 has a weird echo on calls, any idea how to fix?")).toEqual(["report_issue", "audio_video_quality", "sev3"]);
    expect(classify("how do I pair the headset pro with my laptop?").intent).toBe("how_to");
  });

  it("asking for a technician is an onsite request, with the part making it hardware", () => {
    expect(labels("the bar 70 mainboard is bad, can a technician come to the Austin office to swap it?")).toEqual([
      "onsite_request",
      "hardware_failure",
      "sev2",
    ]);
    expect(labels("when is the technician for CS-43001 coming?")).toEqual(["onsite_request", null, null]);
  });

  it("asking for a partner ticket is partner_ticket; only reporting a partner problem is a report", () => {
    expect(labels("Zoom Rooms across the company can't start meetings, please open a ticket with Zoom")).toEqual([
      "partner_ticket",
      "cloud_partner",
      "sev1",
    ]);
    expect(labels("zoom rooms whiteboard broken for everyone, zoom says it's on their side, meetings are fine")).toEqual([
      "report_issue",
      "cloud_partner",
      "sev3",
    ]);
    expect(classify("the Zoom ticket is open on their end but the tap still says account locked").intent).toBe("report_issue");
  });

  it("a failed update is a report; asking about versions is software_update", () => {
    expect(labels("update failed and the bar is stuck in a boot loop")).toEqual(["report_issue", "firmware_software", "sev2"]);
    expect(classify("what's the latest firmware for the bar 30?").intent).toBe("software_update");
  });

  it("a spare part is parts_availability; a replacement unit is replacement_status", () => {
    expect(classify("is the remote for the bar 70 available as a spare?").intent).toBe("parts_availability");
    expect(classify("where is my advance replacement? it was due monday").intent).toBe("replacement_status");
  });

  it("thanks with a closing statement closes the case; thanks alone is a greeting", () => {
    expect(classify("it works now, thanks!").intent).toBe("close_case");
    expect(classify("thank you so much 🙏").intent).toBe("greeting_help");
  });

  it("a greeting before a request is labelled by the request", () => {
    expect(labels("hi there! hope you're well. our bar 30 stopped powering on after the weekend")).toEqual([
      "report_issue",
      "hardware_failure",
      "sev2",
    ]);
  });

  it("off-topic requests are other, even with a product-sounding word", () => {
    expect(classify("is the Northwind stock price up today?").intent).toBe("other");
    expect(classify("my personal airpods won't connect to my iphone, any tips?").intent).toBe("other");
  });
});

describe("category tie-breaks (TRIAGE.md §2)", () => {
  it("a quality symptom with a physical cause is hardware", () => {
    expect(classify("dropped coffee on the speak 40, now it only crackles").category).toBe("hardware_failure");
  });

  it("stopped working after the update is firmware", () => {
    expect(classify("since last night's update the tap 10 stays on the logo").category).toBe("firmware_software");
  });

  it("the partner confirming an incident, or laptops failing too, makes it cloud_partner", () => {
    expect(classify("Room S can't join Teams meetings, Microsoft says service degraded").category).toBe("cloud_partner");
    expect(classify("every device went offline after the firewall change, Teams works fine on laptops").category).toBe("network");
  });

  it("a partner-side licence is cloud_partner, a vendor licence is account_license", () => {
    expect(classify("the Room L says Your Teams Rooms license has expired").category).toBe("cloud_partner");
    expect(classify("the Room L says Northwind license expired, management disabled").category).toBe("account_license");
  });

  it("category stays null when an escalation says nothing about the problem", () => {
    expect(labels("pls escalate cs16622")).toEqual(["escalate", null, null]);
  });
});

describe("severity (TRIAGE.md §3)", () => {
  it("many rooms down is sev1; the same degradation across rooms stays sev3", () => {
    expect(classify("every room in the Lisbon office can't join meetings").severity).toBe("sev1");
    expect(classify("all our rooms show a banner, calendar sync failed, but meetings can still be joined by ID").severity).toBe("sev3");
  });

  it("a critical event within a day makes one dead device sev1", () => {
    expect(classify("board meeting in 30 min and the boardroom bar is dead").severity).toBe("sev1");
  });

  it("room count beats wording: URGENT on one headset with echo is sev3", () => {
    expect(classify("URGENT!!! my headset pro has echo on calls").severity).toBe("sev3");
  });

  it("one unusable device is sev2, degraded is sev3, cosmetic is sev4", () => {
    expect(classify("headset lite won't charge at all").severity).toBe("sev2");
    expect(classify("camera drops every few hours, a reboot fixes it").severity).toBe("sev3");
    expect(classify("small scratch on the bar 50 case, works fine").severity).toBe("sev4");
    expect(classify("is it normal that the fan clicks once at boot?").severity).toBe("sev4");
  });

  it("a model number is not a room count", () => {
    expect(classify("the bar 70 in room 4 won't turn on").severity).toBe("sev2");
  });

  it("exposes the impact signals the intake conversation needs", () => {
    const result = classify("20 rooms down since the update this morning, nobody can join");
    expect(result.signals.roomsAffected).toBe(20);
    expect(result.signals.meetingBlocked).toBe(true);
    expect(result.signals.since).toMatch(/since the update/);
  });
});
