using Scriban;
using Scriban.Syntax;

namespace GitOrch.Engine.Charts.Scriban;

/// <summary>
/// A template context whose strings and output may grow only to a set length. Scriban's own guards
/// cut long strings and output short in silence, and a chart would then be wrong without a word: here
/// a string over the limit stops the render with an error that names the limit, and output that Scriban
/// cut is reported by <see cref="IsOverLimit"/>.
/// </summary>
internal sealed class BoundedTemplateContext : TemplateContext
{
    public BoundedTemplateContext(int maxCharacters)
    {
        MaxCharacters = maxCharacters;
        LimitToString = 0;
        OutputLimit = maxCharacters + 1; // one more, so that output Scriban cut is longer than the limit
    }

    public int MaxCharacters { get; }

    public bool IsOverLimit(string output) => output.Length > MaxCharacters;

    public override string ObjectToString(object? value, bool nested = false)
    {
        var text = base.ObjectToString(value, nested);
        if (text?.Length > MaxCharacters)
            throw new ScriptRuntimeException(CurrentSpan, $"a string of {text.Length} characters is over the limit of {MaxCharacters} characters a chart may make");
        return text!;
    }
}
