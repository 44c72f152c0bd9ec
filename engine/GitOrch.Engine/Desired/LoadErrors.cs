using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Desired;

/// <summary>Collects every file's error while a commit loads, so the user sees them all at once; the commit still loads nothing.</summary>
internal sealed class LoadErrors
{
    private readonly List<ManifestException> _errors = [];

    public void Try(Action step)
    {
        try
        {
            step();
        }
        catch (ManifestException e)
        {
            _errors.Add(e);
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw ManifestException.Of(_errors);
    }
}
