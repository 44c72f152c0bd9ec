namespace GitOrch.Engine.Sync;

/// <summary>A plan that cannot be written as it is, found before anything is written: a cluster IP another Service holds, say.</summary>
public sealed class PlanRefusedException(string message) : Exception(message);
