/** A scan the door could not decide: no ticket list on the device yet, or nowhere to store the decision. */
export class DoorError extends Error {
  constructor(readonly code: "no_pack" | "storage") {
    super(code);
    this.name = "DoorError";
  }
}
