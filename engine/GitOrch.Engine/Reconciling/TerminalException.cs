namespace GitOrch.Engine.Reconciling;

/// <summary>
/// A reconcile failure that retrying cannot fix, such as a spec the controller cannot act on: the key is
/// not requeued, and the next change to the object (or the periodic resync) brings it back.
/// </summary>
public sealed class TerminalException(string message, Exception? inner = null) : Exception(message, inner);
