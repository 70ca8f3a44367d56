// The three mapping modes of a service profile (ARCHITECTURE.md).
export const MAPPING_MODES = ['ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM', 'KI_PROXY_SWSIM'] as const;
export type MappingModeName = (typeof MAPPING_MODES)[number];

/** Modes this version can allocate; the KI proxy mode has its own issue. */
export const SERVED_MODES: readonly MappingModeName[] = ['ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM'];
