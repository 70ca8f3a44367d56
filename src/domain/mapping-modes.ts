// The three mapping modes of a service profile (ARCHITECTURE.md).
export const MAPPING_MODES = ['ONE_TO_ONE_SWSIM', 'ONE_TO_ONE_VSIM', 'KI_PROXY_SWSIM'] as const;
export type MappingModeName = (typeof MAPPING_MODES)[number];

/** Modes this version can allocate: all three. */
export const SERVED_MODES: readonly MappingModeName[] = MAPPING_MODES;

/** The one-to-one modes allocate a physical slot; KI_PROXY_SWSIM a virtual slot of a pool. */
export const isKiProxy = (mode: string) => mode === 'KI_PROXY_SWSIM';
