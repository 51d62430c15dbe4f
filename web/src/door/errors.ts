/**
 * A scan the door could not decide: no ticket list on the device yet, nowhere
 * to store the decision, or the door was signed out.
 */
export class DoorError extends Error {
  constructor(readonly code: "no_pack" | "storage" | "signed_out") {
    super(code);
    this.name = "DoorError";
  }
}
