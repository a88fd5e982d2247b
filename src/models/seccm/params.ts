/**
 * Parameter tables of the SECCM droplet cell (DESIGN.md, physics map "seccm"): the pipette, the
 * hard-carbon electrode as the droplet sees it, the electrolyte's physical properties, and the SEI
 * kinetics in the droplet. Defaults are the 1 M NaPF6 in EC/PC (1:1) + 5 wt% FEC values of the
 * `Saleh2025` set (presets.ts), which also holds the diglyme values and the quotes from
 * `003_47f56aa074086b1d.txt` behind every calibrated number.
 */
import type { ParamTable, ParamValues } from '../params.js';

const P003 = '003_47f56aa074086b1d.txt';

/** The micropipette (single barrel, Na quasi-reference counter electrode inside). */
export const PIPETTE = {
  innerRadius: {
    unit: 'm',
    min: 1e-8,
    max: 5e-5,
    default: 0.5e-6,
    doc: 'inner radius r_i of the orifice',
    source: `${P003}, Results: "a micropipette with an approximate pipette opening of 1 μm in diameter (see Figure S1)"`,
  },
  halfAngle: { unit: 'rad', min: 0.005, max: 0.6, default: 0.1, doc: 'half-angle α of the tip cone (inner wall)', source: 'assumption: laser-pulled borosilicate SICM/SECCM pipettes, 3–10° (003 gives none)' },
  wallThickness: { unit: 'm', min: 0, max: 1e-5, default: 0.1e-6, doc: 'glass wall thickness at the orifice (outer radius r_o = r_i + wall)', source: 'assumption (003 Fig. S1 not in the text)' },
  meniscusProtrusion: {
    unit: 'm',
    min: 1e-9,
    max: 1e-5,
    default: 0.15e-6,
    doc: 'height h_m by which the meniscus bulges out of the orifice: the gap at which it touches the surface',
    source: 'assumption: ≈ 0.3 r_i for a meniscus held by a small back pressure',
  },
  protrusionJitter: { unit: '1', min: 0, max: 0.5, default: 0.05, doc: 'relative SD of h_m from one landing to the next (meniscus volume after each hop)', source: 'assumption' },
} as const satisfies ParamTable;
export type PipetteParams = ParamValues<typeof PIPETTE>;

/** The embedded, polished hard-carbon particle under the droplet (electrochemistry and surface). */
export const HARD_CARBON_SECCM = {
  doubleLayerCapacitance: { unit: 'F/m^2', min: 0, max: 10, default: 0.1, doc: 'specific double-layer capacitance C_dl', source: 'src/models/substrate/sites.ts, hard-carbon-disordered (10 µF/cm², assumption)' },
  potentialOfZeroCharge: { unit: 'V', min: -1, max: 5, default: 2.2, doc: 'potential E_pzc at which a freshly wetted area carries no double-layer charge (vs Na/Na⁺)', source: 'assumption: near the open-circuit potential of pristine HC, 2–2.5 V vs Na/Na⁺' },
  volumetricCapacity: {
    unit: 'C/m^3',
    min: 0,
    max: 1e10,
    default: 1.62e9,
    doc: 'Na storage capacity per HC volume q_vol',
    source: 'assumption: 300 mAh/g × 1.5 g/cm³ for a Kuranode-type hard carbon (003 Experimental: "Kuranode, 5 μm, Type II"), Stevens & Dahn 2001',
  },
  slopingFraction: { unit: '1', min: 0, max: 1, default: 0.4, doc: 'fraction f_s of the capacity in the sloping region (the rest is pore filling)', source: 'assumption (Stevens & Dahn, J. Electrochem. Soc. 148, A803 (2001), 003 ref [24])' },
  slopingTop: { unit: 'V', min: 0, max: 4, default: 2.0, doc: 'upper end of the sloping region', source: `${P003}, Introduction: "the high-voltage sloping region (2.0 V–0.1 V vs Na/Na+)"` },
  slopingBottom: { unit: 'V', min: -0.5, max: 2, default: 0.1, doc: 'lower end of the sloping region', source: `${P003}, Introduction (as above)` },
  fillingPotential: { unit: 'V', min: -0.5, max: 1, default: 0.05, doc: 'mid potential E_f of pore filling', source: `${P003}, Introduction: "pore filling with Na at potentials below 0.1 V vs Na/Na+ (plateau region)"` },
  fillingWidth: { unit: 'V', min: 1e-3, max: 0.5, default: 0.02, doc: 'logistic width of the pore-filling step', source: 'assumption' },
  sodiumDiffusivity: { unit: 'm^2/s', min: 1e-20, max: 1e-10, default: 1e-15, doc: 'solid-state Na diffusivity D_Na in HC (sets the depth reached during one sweep)', source: 'assumption: GITT values for HC span 1e-13–1e-16 m²/s' },
  particleDepth: { unit: 'm', min: 1e-8, max: 1e-3, default: 2.5e-6, doc: 'depth of HC below the polished face (caps the insertion depth)', source: `${P003}, Experimental: "hard carbon (Kuranode type II, 5 μm)"; half a particle assumed` },
  reversibleFraction: {
    unit: '1',
    min: 0,
    max: 1,
    default: 0.02,
    doc: 'fraction f_rev of the inserted Na that follows the potential back out (the rest stays: no deinsertion peak)',
    source: `${P003}: "the absence of a deinsertion peak during the oxidation process suggests that the inserted sodium is not fully released"`,
  },
  criticalWickingAngle: {
    unit: 'rad',
    min: 0.01,
    max: 1.5,
    default: 0.4363,
    doc: 'critical contact angle θ_c below which the electrolyte hemiwicks on the polished surface (25°)',
    source: 'assumption: cos θ_c = (1 − φ_s)/(r − φ_s) with roughness ratio r = 1.05 and solid fraction φ_s = 0.5 (Bico et al. 2001)',
  },
  roughnessRms: { unit: 'm', min: 0, max: 1e-7, default: 1.4e-9, doc: 'RMS roughness of the polished HC particle', source: '000_bee64fa28ec11129.txt: "flat surface of hard carbon (Rms = 1.4 nm)"' },
  roughnessCorrelationLength: { unit: 'm', min: 1e-9, max: 1e-5, default: 80e-9, doc: 'correlation length of the roughness', source: 'src/models/substrate/topography.ts HARD_CARBON_TOPOGRAPHY (assumption)' },
} as const satisfies ParamTable;
export type HardCarbonSeccmParams = ParamValues<typeof HARD_CARBON_SECCM>;

/** Physical properties of an electrolyte (defaults: 1 M NaPF6 in EC/PC (1:1) + 5 wt% FEC). */
export const ELECTROLYTE = {
  contactAngle: {
    unit: 'rad',
    min: 0.01,
    max: 3.1,
    default: 0.7854,
    doc: 'contact angle θ of the electrolyte on polished HC (45°)',
    source: `calibrated: 003 Fig. S3 values are not in the text ("the average contact angle in diglyme is significantly smaller compared to EC/PC"); θ sets the landing footprint r_pin + h_m cot θ, chosen so that the 1-cycle spots come out "1.0 μm–1.4 μm"`,
  },
  conductivity: { unit: 'S/m', min: 1e-4, max: 10, default: 0.7, doc: 'ionic conductivity κ', source: 'assumption: 1 M NaPF6 in EC:PC ≈ 7 mS/cm (Ponrouch et al., Energy Environ. Sci. 5, 8572 (2012), 003 ref [15])' },
  vapourPressure: {
    unit: 'Pa',
    min: 0,
    max: 1e5,
    default: 8.4,
    doc: 'solvent vapour pressure p_sat at 25 °C',
    source: `${P003}: "ethylene carbonate (~0.01 mmHg or 0.001 kPa) and propylene carbonate (~0.13 mmHg or 0.017 kPa)"; Raoult mixture of EC/PC 1:1 w/w (x_EC = 0.54)`,
  },
  vapourMolarMass: { unit: 'kg/mol', min: 1e-3, max: 1, default: 0.10209, doc: 'molar mass M of the evaporating solvent (PC dominates the vapour)', source: 'PC C4H6O3' },
  liquidDensity: { unit: 'kg/m^3', min: 100, max: 5000, default: 1300, doc: 'density ρ_l of the electrolyte', source: 'assumption: EC/PC ≈ 1.26 g/cm³ plus 1 M salt' },
  vapourDiffusivity: { unit: 'm^2/s', min: 1e-7, max: 1e-3, default: 7e-6, doc: 'diffusivity D_v of the solvent vapour in Ar', source: 'assumption: Fuller correlation, ≈ 7e-6 m²/s for PC or diglyme in Ar at 25 °C' },
  saltDiffusivity: { unit: 'm^2/s', min: 1e-12, max: 1e-8, default: 2e-10, doc: 'salt diffusivity D_s', source: 'assumption: 1 M NaPF6 in carbonates, 1–3e-10 m²/s' },
  spreadingMobility: {
    unit: 'm^2/s',
    min: 0,
    max: 1e-9,
    default: 3.15e-15,
    doc: 'hemiwicking mobility M_w (D_w = M_w (cos θ − cos θ_c)₊)',
    source: `calibrated: 003 "The diameter of the formed spot increased from 3.7 μm (1 cycle) to 5.1 μm (10 cycles) and 7.2 μm (40 cycles)" (diglyme reading; see presets.ts); not identifiable for EC/PC (θ > θ_c: no wicking)`,
  },
} as const satisfies ParamTable;
export type ElectrolyteParams = ParamValues<typeof ELECTROLYTE>;

/**
 * SEI kinetics in the droplet (defaults: EC/PC + FEC). Three processes build the film:
 * - islands: the inner layer nucleates at once (site saturation) on N_I active sites per m² when
 *   the potential first falls below E_I, each island grows laterally at v_I(E) until its edge
 *   passivates at radius r_max (R = r_max(1 − e^{−ΔG/r_max}));
 * - fill: progressive nucleation J_F(E) and unlimited growth v_F(E) on the remaining surface
 *   (JMAK, Avrami n = 3) — what completes the layer when there is time;
 * - deposits: particulate outer products whose volume per covered area grows at κ_d(E)
 *   e^{−H_in/λ_d} (electrons must cross the inner layer), on N_d nuclei per m².
 * Rates are logistic in E: rate_max/(1 + e^{(E − E_mid)/w}) (src/models/sei/kinetics.ts).
 */
const CAL = 'calibrated: Saleh2025 presets (presets.ts), EC/PC + FEC values; each observable quoted there';

export const SECCM_SEI = {
  islandOnsetPotential: { unit: 'V', min: -0.5, max: 3, default: 1.0, doc: 'island nucleation potential E_I (vs Na/Na⁺)', source: 'assumption: FEC reduction near 1 V vs Na/Na⁺' },
  islandSiteDensity: { unit: '1/m^2', min: 0, max: 1e18, default: 1.82e14, doc: 'active-site density N_I', source: CAL },
  islandMaxRadius: { unit: 'm', min: 1e-9, max: 1e-5, default: 40e-9, doc: 'island edge-passivation radius r_max', source: CAL },
  islandGrowthMax: { unit: 'm/s', min: 0, max: 1e-4, default: 9.2e-11, doc: 'island lateral velocity v_I,max', source: CAL },
  islandGrowthMid: { unit: 'V', min: -1, max: 4, default: 0.6, doc: 'mid potential of v_I(E)', source: CAL },
  islandGrowthWidth: { unit: 'V', min: 1e-3, max: 2, default: 0.1, doc: 'logistic width of v_I(E)', source: CAL },
  fillOnsetPotential: { unit: 'V', min: -0.5, max: 3, default: 0.8, doc: 'onset E_F of fill nucleation', source: CAL },
  fillNucleationRate: { unit: '1/(m^2 s)', min: 0, max: 1e18, default: 0, doc: 'fill nucleation rate J_F below E_F', source: CAL },
  fillGrowthMax: { unit: 'm/s', min: 0, max: 1e-4, default: 0, doc: 'fill lateral velocity v_F,max', source: CAL },
  fillGrowthMid: { unit: 'V', min: -1, max: 4, default: 0.7, doc: 'mid potential of v_F(E)', source: CAL },
  fillGrowthWidth: { unit: 'V', min: 1e-3, max: 2, default: 0.05, doc: 'logistic width of v_F(E)', source: CAL },
  innerInitialThickness: { unit: 'm', min: 0, max: 1e-6, default: 3e-9, doc: 'thickness H₀ of a freshly covered element of the inner layer', source: CAL },
  innerThickeningMax: { unit: 'm/s', min: 0, max: 1e-3, default: 8.2e-6, doc: 'inner-layer thickening rate κ_in,max on a bare element', source: CAL },
  innerThickeningMid: { unit: 'V', min: -1, max: 4, default: 0.6, doc: 'mid potential of κ_in(E)', source: CAL },
  innerThickeningWidth: { unit: 'V', min: 1e-3, max: 2, default: 0.1, doc: 'logistic width of κ_in(E)', source: CAL },
  innerPassivationLength: { unit: 'm', min: 1e-11, max: 1e-5, default: 0.4e-9, doc: 'λ (tunnelling law) or H_lim (limiting law) of the inner layer', source: CAL },
  innerPorosity: { unit: '1', min: 0, max: 0.95, default: 0, doc: 'porosity φ of the inner layer', source: CAL },
  depositRateMax: { unit: 'm/s', min: 0, max: 1e-3, default: 2.3e-13, doc: 'deposit volume growth per covered area κ_d,max (m³/(m² s))', source: CAL },
  depositRateMid: { unit: 'V', min: -1, max: 4, default: 0.5, doc: 'mid potential of κ_d(E)', source: CAL },
  depositRateWidth: { unit: 'V', min: 1e-3, max: 2, default: 0.1, doc: 'logistic width of κ_d(E)', source: CAL },
  depositPassivationLength: { unit: 'm', min: 1e-11, max: 1, default: 1, doc: 'λ_d: deposits grow at κ_d e^{−H_in/λ_d} (1 m: not passivated)', source: CAL },
  depositDensity: { unit: '1/m^2', min: 0, max: 1e16, default: 5e12, doc: 'deposit nuclei per covered area N_d', source: CAL },
  depositAspectRatio: { unit: '1', min: 0.2, max: 50, default: 0.8, doc: 'deposit base radius / height β (paraboloid domes, volume (π/2) β² h³)', source: CAL },
  depositHeightCv: { unit: '1', min: 0, max: 2, default: 0.25, doc: 'coefficient of variation of deposit heights within a spot (log-normal)', source: CAL },
  depositPorosity: { unit: '1', min: 0, max: 0.95, default: 0.3, doc: 'porosity φ of the deposits', source: 'assumption: particulate organic deposits' },
} as const satisfies ParamTable;
export type SeccmSeiParams = ParamValues<typeof SECCM_SEI>;

/** The two-electrode cell: Na-plated Cu wire as quasi-reference counter electrode (QRCE). */
export const SECCM_CELL = {
  referenceOffsetSd: { unit: 'V', min: 0, max: 0.5, default: 2e-3, doc: 'SD of the QRCE offset from Na/Na⁺ (per pipette filling)', source: `${P003}, Experimental: "with an OCP value of approximately ~0.0 V" (Fig. S12); 2 mV assumed` },
  referenceDrift: {
    unit: 'V/s',
    min: -1e-5,
    max: 1e-5,
    default: 1e-8,
    doc: 'QRCE drift rate dE_ref/dt',
    source: `${P003}: "Stability of the potential was observed for 5 days after plating"; ≤ 5 mV over 5 days assumed`,
  },
  counterExchangeCurrentDensity: { unit: 'A/m^2', min: 1e-6, max: 1e4, default: 1, doc: 'exchange current density i₀ of Na/Na⁺ on the wire', source: 'assumption' },
  counterArea: { unit: 'm^2', min: 1e-12, max: 1e-3, default: 1.26e-6, doc: 'wetted area of the Na wire (π d L)', source: `${P003}: "a copper wire (diameter = 200 μm) was coated with sodium"; 2 mm immersed assumed` },
  temperature: { unit: 'K', min: 200, max: 400, default: 298.15, doc: 'temperature T' },
  ambientSaturation: {
    unit: '1',
    min: 0,
    max: 1,
    default: 0.9,
    doc: 'solvent-vapour saturation S of the gas around the meniscus',
    source: 'assumption: the head sits in the closed AFM electrochemical cell in the glovebox; with S = 0 the model gives Pe ≈ 3 for diglyme (see evaporation in the truth)',
  },
} as const satisfies ParamTable;
export type SeccmCellParams = ParamValues<typeof SECCM_CELL>;
