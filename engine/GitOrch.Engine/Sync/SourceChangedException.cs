namespace GitOrch.Engine.Sync;

/// <summary>A repository other than the one a store already follows, refused so that its objects are not pruned by mistake.</summary>
public sealed class SourceChangedException(string message) : Exception(message);
