/**
 * "What am I looking at": a short text per panel, with the history and its sources as
 * /work/shared/REFERENCES.md gives them (section numbers there). Where a fact is secondary or
 * unverified, the text says so; timings the panels show are the machine files' assumptions.
 */
export type PanelMachine = 'mark1' | 'adaline' | 'madaline' | 'playground';
export const PANEL_MACHINES: readonly PanelMachine[] = ['mark1', 'adaline', 'madaline', 'playground'];

export const PANEL_TITLES: Readonly<Record<PanelMachine, string>> = {
  mark1: 'Mark I Perceptron: front panel',
  adaline: 'ADALINE: front panel',
  madaline: 'MADALINE: front panel',
  playground: 'Backprop playground: perceptron and MLP side by side',
};

const R58 =
  'F. Rosenblatt, “The perceptron: a probabilistic model for information storage and organization in the brain”, <i>Psychological Review</i> 65(6):386–408, 1958';
const MANUAL =
  'Cornell Aeronautical Laboratory, <i>Mark I Perceptron Operators’ Manual</i> (Project PARA), 1960, DTIC AD0236965';
const WH60 =
  'B. Widrow and M. E. Hoff, “Adaptive Switching Circuits”, IRE WESCON Convention Record 4:96–104, 1960';
const WL90 =
  'B. Widrow and M. A. Lehr, “30 Years of Adaptive Neural Networks: Perceptron, Madaline, and Backpropagation”, <i>Proc. IEEE</i> 78(9):1415–1442, 1990';
const RHW = 'D. E. Rumelhart, G. E. Hinton and R. J. Williams, <i>Nature</i> 323:533–536, 1986';
const BISHOP = 'C. M. Bishop, <i>Pattern Recognition and Machine Learning</i>, 2006, p.196 (secondary)';

/** The about text of each panel, as HTML (fixed text: no user input reaches it). */
export const PANEL_ABOUT: Readonly<Record<PanelMachine, string>> = {
  mark1: `
<p>The Mark I Perceptron was built at the Cornell Aeronautical Laboratory (1958–1960). A 20×20 “retina” of
400 photocells (the S-units) was wired through a plugboard, “according to a table of random numbers”, to 512
association units (A-units); each A-unit fires when its excitatory minus inhibitory inputs reach its threshold.
The A-units feed 8 response units (R-units) through potentiometers that electric motors turn: that is where
the machine learns. After an error the correct response was forced and the motors corrected the weights.</p>
<p>Here the very circuit the command line simulates (<code>perceptron-sim train --model mark1 --engine event</code>)
runs in your browser: draw on the retina, press <b>Present</b> to see which A-units light and what the R-units
sum, <b>Teach</b> to let the motors correct one card, <b>Train</b> for whole decks. The fan-in of each A-unit, its
threshold θ, the motor speed and every other timing are assumptions where history is silent
(circuits/mark1.json, docs/machines.md); the hardware clock shows the simulated time they imply.
The accuracies sometimes quoted for the Mark I (square vs circle 99.8 %, E vs F over 80 %) are unverified and
may come from simulations.</p>
<p class="note">Sources: ${R58}; ${MANUAL}; ${BISHOP}; ${WL90} (the perceptron rule, eqs. 17–18).</p>`,
  adaline: `
<p>ADALINE (“adaptive linear”, Widrow and Hoff, Stanford, 1960) was “about the size of a lunch pail”: 16 toggle
switches in a 4×4 grid set the inputs to ±1, 17 gains (16 plus a bias on a constant +1) weight them, a meter
shows the sum and a quantizer gives +1 or −1. A reference switch sets the desired response, and the operator
turned the gain knobs by the LMS rule, a procedure “purely mechanical” that “requires no thought on the part
of the operator”. With ±1 inputs α-LMS at α = 1 moves each gain by ±ε/17 and zeroes the error on that pattern.</p>
<p>Later ADALINEs stored their weights in memistors, resistors whose conductance follows the time integral of a
plating current (Widrow, TR 1553-2, October 1960). The hand-knob and memistor timings here are the machine
file's assumptions (circuits/adaline.json). The T, G and F patterns (plain and shifted, desired sums +60, 0,
−60) come from Hagan's <i>Neural Network Design</i>, P10.11, citing WH60 (secondary).</p>
<p class="note">Sources: ${WH60}; ${WL90} (α-LMS eq. 4, μ-LMS eq. 33).</p>`,
  madaline: `
<p>MADALINE (“many ADALINEs”): adaptive ADALINEs feed a fixed logic element, AND, OR or majority. Two
ADALINEs into an AND realise XNOR, which no single ADALINE can. MRI (Widrow and Hoff, early 1960s) adapts,
after an error, the ADALINE whose sum is closest to zero among those that voted wrong: the minimal
disturbance principle. MRII (Winter and Widrow, 1988) also adapts the output layer. The panel marks the
ADALINE the rule chose at each step.</p>
<p class="note">Sources: ${WL90}, pp.1420–1427 (MADALINE I, Fig. 8, MRI and MRII).</p>`,
  playground: `
<p>The same two-dimensional data through a perceptron (one threshold unit, Rosenblatt's rule) and a
multi-layer network trained by backpropagation (Rumelhart, Hinton and Williams, 1986), with the same seed.
The perceptron can only draw a straight line; the MLP bends its boundary as its hidden units learn. Seven
activations, as the project's backprop path defines them, with their defaults recorded (docs/backprop.md).
The layout follows TensorFlow Playground (tensorflow/playground); the networks are the project's own.</p>
<p class="note">Sources: ${RHW}; ${WL90}; TensorFlow Playground, https://playground.tensorflow.org (its
datasets circle, xor, gauss, spiral).</p>`,
};
