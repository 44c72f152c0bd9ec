namespace GitOrch.Engine.Sync;

/// <summary>A hook that failed, or a wave that did not become healthy: the sync stops there and records no release.</summary>
public sealed class SyncPhaseFailedException(string message) : Exception(message);
