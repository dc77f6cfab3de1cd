/** The Teams adapter's settings (MICROSOFT_* variables, validated at startup by app/config.ts). */
export interface TeamsSettings {
  /** Without it, authentication is off the way the Bot Framework Emulator expects (local use only). */
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: string;
  /** Where inbound tokens' signing keys are published; Microsoft's public cloud when unset. */
  openIdMetadataUrl: string | undefined;
}
