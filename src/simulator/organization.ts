/** The organization the simulator presents interactions in unless told otherwise; the gateway's default when it starts the simulator. */
export const SIMULATOR_ORGANIZATION = 'demo';
