/**
 * Local declaration for the npm package `odex` (E. Hairer's ODEX, Gragg–Bulirsch–Stoer
 * extrapolation, ported by C. Smith), covering what src/solver/odex.ts uses. The package is
 * CommonJS (`exports.Solver`, `exports.Outcome`).
 */
declare module 'odex' {
  namespace odex {
    type Derivative = (x: number, y: number[]) => number[];
    type OutputFunction = (
      nr: number,
      xold: number,
      x: number,
      y: number[],
      dense?: (c: number, x: number) => number,
    ) => boolean | void;

    enum Outcome {
      Converged = 0,
      MaxStepsExceeded = 1,
      EarlyReturn = 2,
    }

    interface SolverResult {
      y: number[];
      outcome: Outcome;
      nStep: number;
      xEnd: number;
      nAccept: number;
      nReject: number;
      nEval: number;
    }

    class Solver {
      constructor(n: number);
      n: number;
      maxSteps: number;
      initialStepSize: number;
      maxStepSize: number;
      denseOutput: boolean;
      relativeTolerance: number | number[];
      absoluteTolerance: number | number[];
      solve(f: Derivative, x: number, y0: number[], xEnd: number, solOut?: OutputFunction): SolverResult;
    }
  }
  export = odex;
}
