namespace GitOrch.Cli.Contexts;

/// <summary>The contexts file cannot be read, or names a context that is not in it.</summary>
public sealed class ConfigException(string message) : Exception(message);
