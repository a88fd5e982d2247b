/**
 * Parameter tables of the operando 1D-NRM instrument (`002_bf87beaba622041e.txt` §3–5): the
 * rough hard-carbon electrode, the dither actuator, the lock-in, the Z-piezo approach, the normal
 * and lateral optical channels, the measurement grid and the potential sweep. One declaration per
 * parameter (unit, range, default, source); scenario validation, `seisim params` and the property
 * tests' arbitraries derive from these tables.
 */
import type { ParamTable } from '../../models/params.js';

/** The micrometre-rough hard-carbon electrode and its hard (solid–solid) contact with the tip. */
export const NRM_ELECTRODE = {
  rmsRoughness: {
    unit: 'm', min: 0, max: 5e-6, default: 200e-9,
    doc: 'RMS height roughness of the electrode over the mapped area',
    source: '002 §5, Fig. 3b: "at point A, the surface is ~0 nm and point B, the surface is ~500 nm"; roughness "10 s / 100 s of magnitude larger than that of model electrodes" (assumed 200 nm RMS)',
  },
  correlationLength: {
    unit: 'm', min: 1e-9, max: 1e-4, default: 300e-9,
    doc: 'correlation length of the roughness (Gaussian autocorrelation, 1/e)',
    source: '002 §5: "particle sizes ranging from hundreds of nanometres to micrometres" (assumed 300 nm)',
  },
  mapPixel: { unit: 'm', min: 1e-10, max: 1e-6, default: 5e-9, doc: 'pixel size of the generated height map' },
  hardContactModulus: {
    unit: 'Pa', min: 1e6, max: 1e12, default: 1.41e9,
    doc: "Young's modulus of the hard surface under the tip (electrode or dense inner SEI) for the Hertz contact",
    source: '003_47f56aa074086b1d.txt Fig. S4: pristine hard carbon 1.41 ± 0.42 GPa (DMT)',
  },
  hardContactPoisson: { unit: '1', min: 0, max: 0.5, default: 0.3, doc: 'Poisson ratio of the hard surface', source: 'assumption (disordered carbon)' },
  frictionCoefficient: { unit: '1', min: 0, max: 2, default: 0.3, doc: 'friction coefficient μ of the tip on the hard surface (lateral signal in hard contact)', source: 'assumption (Si on carbon in liquid)' },
} as const satisfies ParamTable;

/** The tip as the force models see it (shape is a separate enum field). */
export const NRM_TIP = {
  tipRadius: { unit: 'm', min: 1e-9, max: 200e-9, default: 10e-9, doc: 'tip radius r_t', source: '002 §4: "the radius of the tip (~10 nm)"; Fig. 2 uses 10 nm' },
  coneHalfAngle: { unit: 'rad', min: 0, max: Math.PI / 4, default: (20 * Math.PI) / 180, doc: 'cone half-angle α (tip shape cone only)', source: 'assumption (etched Si tips)' },
  punctureCoefficient: {
    unit: '1', min: 0, max: 10, default: 0.3,
    doc: "κ_p: apex pressure κ_p·E' needed to advance the tip through the film (normal soft response)",
    source: 'assumption: puncture pressures of soft solids are of the order of the modulus (Shergold & Fleck 2004); 0.3 keeps the film forces at a few nN for ≤ 100 MPa films',
  },
} as const satisfies ParamTable;

/** The lateral dither of the sample (`002` §3–4). */
export const NRM_DITHER = {
  amplitude: { unit: 'm', min: 1e-11, max: 20e-9, default: 2e-9, doc: 'dither amplitude A_l (nominal drive)', source: '002 §4: "the amplitude of 0.5 to 2 nm of lateral dithering is more than sufficient"; Fig. 2 uses 2 nm' },
  frequency: { unit: 'Hz', min: 10, max: 1e6, default: 1000, doc: 'dither frequency f', source: '002 §3: "a few hundred Hz to a few kHz"; Fig. 2: 1 kHz' },
  actuatorResonance: {
    unit: 'Hz', min: 1, max: 1e7, default: 4000,
    doc: 'resonance f_r of the dither actuator / sample scanner',
    source: '002 §4: scanner resonances "in the range of few Hz to a couple of kHz" (assumed 4 kHz)',
  },
  actuatorQuality: { unit: '1', min: 0.1, max: 1e4, default: 10, doc: 'quality factor Q of the actuator resonance', source: 'assumption' },
  verticalCoupling: { unit: '1', min: 0, max: 0.5, default: 0.01, doc: 'parasitic vertical motion of the dither as a fraction of A_l', source: 'assumption (shear-piezo out-of-plane coupling ~1 %)' },
  actuatorCalibrationError: {
    unit: '1', min: 0, max: 1, default: 0.002,
    doc: 'relative error of the recorded actuator transfer calibration (amplitude; phase error = this in rad)',
    source: 'assumption (interferometric calibration)',
  },
} as const satisfies ParamTable;

/** The lock-in amplifier (SR830-type; slope is a separate enum field). */
export const NRM_LOCKIN = {
  timeConstant: { unit: 's', min: 1e-6, max: 30, default: 1e-3, doc: 'time constant τ of each RC stage', source: 'assumption: ≥ 6 dither periods per step at 1 kHz' },
  sensitivity: { unit: 'V', min: 1e-9, max: 1, default: 0.2, doc: 'input sensitivity (full scale, RMS) — outputs are 10 V at full scale', source: 'SR830 manual (1-2-5 ranges)' },
  referencePhase: { unit: 'rad', min: -Math.PI, max: Math.PI, default: 0, doc: 'reference phase φ_r relative to the dither drive' },
  adcBits: { unit: '1', min: 8, max: 24, default: 16, integer: true, doc: 'resolution of the AFM ADC that digitises the ±10 V X and Y outputs' },
} as const satisfies ParamTable;

/** The stepped Z-piezo approach of each curve. */
export const NRM_APPROACH = {
  steps: { unit: '1', min: 16, max: 100000, default: 400, integer: true, doc: 'depth steps per curve', source: 'issue 5 (≥ 400 depth steps)' },
  rampSize: { unit: 'm', min: 1e-9, max: 10e-6, default: 150e-9, doc: 'maximum Z travel of one approach ramp (the step is rampSize/(steps − 1))' },
  triggerDeflection: {
    unit: 'm', min: 0, max: 1e-6, default: 30e-9,
    doc: 'deflection trigger relative to the start of the ramp (nominal InvOLS): once reached, Z holds for the remaining steps (0: no trigger)',
    source: 'standard AFM force-curve practice: limits the load on the hard surface (30 nm · 0.6 N/m = 18 nN)',
  },
  retractDistance: { unit: 'm', min: 0, max: 10e-6, default: 60e-9, doc: 'retraction from the engaged position before the ramp (the ramp starts this far above the engage point)' },
  engageSetpoint: { unit: 'm', min: 0, max: 1e-6, default: 0.5e-9, doc: 'deflection setpoint of the engage feedback that finds the surface at each location' },
  stepDwell: { unit: 's', min: 1e-5, max: 10, default: 5e-3, doc: 'dwell per depth step (the lock-in output is sampled at its end)' },
  moveOverhead: { unit: 's', min: 0, max: 100, default: 0.4, doc: 'time to retract, move to the next location and engage' },
  zDrift: { unit: 'm/s', min: -1e-7, max: 1e-7, default: 0.1e-9, doc: 'thermal drift of the tip–sample distance (positive closes the gap)', source: 'assumption (0.1 nm/s in liquid cell)' },
} as const satisfies ParamTable;

/** The normal (flexural) optical channel. */
export const NRM_NORMAL_CHANNEL = {
  detectorNoise: { unit: 'V', min: 0, max: 1, default: 1e-3, doc: 'RMS detector/electronic noise of one deflection sample (after averaging over the dwell)', source: 'assumption (~0.05 nm at 53 nm/V)' },
  baselineOffset: { unit: 'V', min: -10, max: 10, default: -0.35, doc: 'deflection signal offset far from the surface' },
  baselineTilt: { unit: 'V/m', min: -1e9, max: 1e9, default: 2e5, doc: 'baseline tilt dV/dZ far from the surface (optical interference, hydrodynamics)', source: 'assumption (0.2 mV/nm)' },
  signalDrift: { unit: 'V/s', min: -1, max: 1, default: 1e-3, doc: 'drift of the deflection signal in time', source: 'assumption' },
  interferenceAmplitude: { unit: 'V', min: 0, max: 1, default: 1e-3, doc: 'amplitude of the optical-interference ripple of the baseline', source: 'assumption' },
  interferencePeriod: { unit: 'm', min: 1e-9, max: 1e-3, default: 325e-9, doc: 'Z period of the interference ripple (λ/2 of a 650 nm laser)' },
  temperature: { unit: 'K', min: 1, max: 500, default: 298.15, doc: 'temperature T (thermal noise)' },
} as const satisfies ParamTable;

/** The lateral (torsional) optical channel into the lock-in. */
export const NRM_LATERAL_CHANNEL = {
  detectorNoisePsd: { unit: 'V^2/Hz', min: 0, max: 1, default: 1e-10, doc: 'one-sided PSD of the lateral photodiode/electronic noise at f ((10 µV/√Hz)²)', source: 'assumption' },
  crosstalk: { unit: '1', min: -1, max: 1, default: 0.02, doc: 'fraction of the normal deflection signal that leaks into the lateral channel (photodiode rotation)', source: 'assumption (~1° detector rotation)' },
  offset: { unit: 'V', min: -10, max: 10, default: 0.05, doc: 'lateral signal offset (DC)' },
  torsionalFrequencyRatio: { unit: '1', min: 0.01, max: 1, default: 0.6, doc: 'torsional resonance in the electrolyte as a fraction of the vacuum value', source: 'assumption (Green & Sader, J. Appl. Phys. 92, 6262 (2002): torsional modes are weakly mass-loaded)' },
  torsionalQuality: { unit: '1', min: 0.1, max: 1e4, default: 5, doc: 'quality factor of the torsional mode in the electrolyte', source: 'assumption' },
  calibrationError: { unit: '1', min: -0.9, max: 9, default: 0, doc: 'relative error of the recorded lateral force calibration (k_t/l_t and lateral InvOLS) — 0 for a perfectly calibrated instrument' },
} as const satisfies ParamTable;

/** The measurement locations: a grid of spots, several adjacent measurements per spot. */
export const NRM_GRID = {
  spotsX: { unit: '1', min: 1, max: 1000, default: 10, integer: true, doc: 'spots along x' },
  spotsY: { unit: '1', min: 1, max: 1000, default: 5, integer: true, doc: 'spots along y' },
  pitch: { unit: 'm', min: 1e-9, max: 1e-4, default: 75e-9, doc: 'spot pitch', source: '002 §5: "lateral spacing in the order of nanometre scale steps (~50-100 nm)"' },
  measurementsPerSpot: { unit: '1', min: 1, max: 16, default: 4, integer: true, doc: 'adjacent measurements per spot (on a square sub-grid)', source: '002 §1: "multiple measurements in adjacent nanoscale-spaced areas" per ~20×20 nm² location' },
  spotSize: { unit: 'm', min: 0, max: 1e-6, default: 20e-9, doc: 'side of the square spot holding the adjacent measurements', source: '002 §1: "each location consists of approximately 20×20 nm² area"' },
} as const satisfies ParamTable;

/** The first cathodic sweep (`002` §5). */
export const NRM_SWEEP = {
  openCircuitPotential: { unit: 'V', min: 0, max: 5, default: 2.7, doc: 'open-circuit potential of the pristine cell, V vs Na/Na⁺ (start of the sweep)', source: 'assumption (pristine HC vs Na typically 2.5–3 V)' },
  vertexPotential: { unit: 'V', min: -0.5, max: 5, default: 0.005, doc: 'lower vertex, V vs Na/Na⁺', source: '002 §5: "from open circuit voltage (OCV) to 0.005 V vs Na/Na+"' },
  scanRate: { unit: 'V/s', min: 1e-6, max: 10, default: 1e-3, doc: 'sweep rate ν', source: '002 §5: "at 1.0 mV s⁻¹"' },
} as const satisfies ParamTable;
