namespace GitOrch.Engine.Charts.GoTemplates;

/// <summary>A template that does not parse or fails while it runs, worded as Go's text/template words it.</summary>
public sealed class GoTemplateException(GoPosition at, string message) : Exception(message)
{
    public GoPosition At { get; } = at;
}
