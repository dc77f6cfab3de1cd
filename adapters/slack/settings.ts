/** The Slack adapter's settings (SLACK_* variables, validated at startup by app/config.ts). */
export interface SlackSettings {
  botToken: string;
  /** Required unless Socket Mode is used. */
  signingSecret: string | undefined;
  /** Socket Mode instead of HTTP when set. */
  appToken: string | undefined;
  /** The Web API base; Slack's own when unset. */
  apiUrl: string | undefined;
}
