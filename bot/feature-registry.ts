/**
 * The features an app was built with, and the services they built. Handlers reach a feature's
 * service through the feature's accessor (`replacementFeature.of(ctx)`), which reads it here; the
 * help card reads the features' help lines here. The kernel never names a feature.
 */
import { translator, type MessageKey, type Translator } from "./i18n/index.ts";

/** The sections of the help card, in the order a person sees them. */
export type HelpSection = "employee" | "services" | "cloudPartners" | "partnerEngineer" | "admin" | "engineer";

/** One line (or block of lines) of the help card, shown in its section. */
export interface HelpLine {
  section: HelpSection;
  key: MessageKey;
}

/** What the registry needs of a feature: its name, its help and its refusal when not built. */
export interface FeatureKey<S> {
  readonly name: string;
  readonly help?: readonly HelpLine[];
  /** The error shown to a person (in their language, `t`) when the app runs without this feature. */
  unavailable(t: Translator): Error;
  /** Never set: carries the service type so `require` returns it typed. */
  readonly service?: S;
}

export class FeatureRegistry {
  private readonly built = new Map<string, unknown>();

  /** `features` in the order of app/features.ts, which is the order of their help lines. */
  constructor(private readonly features: readonly FeatureKey<unknown>[] = []) {}

  /** Records the service a feature built; a feature is built once. */
  add<S>(feature: FeatureKey<S>, service: S): void {
    if (this.built.has(feature.name)) throw new Error(`feature ${feature.name} is built twice`);
    this.built.set(feature.name, service);
  }

  /** The feature's service, or undefined when the app was built without it. */
  get<S>(feature: FeatureKey<S>): S | undefined {
    return this.built.get(feature.name) as S | undefined;
  }

  /** The feature's service, or the feature's own "unavailable" refusal, worded with `t`. */
  require<S>(feature: FeatureKey<S>, t: Translator = translator("en")): S {
    if (!this.built.has(feature.name)) throw feature.unavailable(t);
    return this.built.get(feature.name) as S;
  }

  /** The features' help lines of one section, in the order of the feature list. */
  helpLines(section: HelpSection): MessageKey[] {
    return this.features.flatMap((feature) => (feature.help ?? []).filter((line) => line.section === section).map((line) => line.key));
  }
}
