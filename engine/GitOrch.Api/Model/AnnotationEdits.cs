namespace GitOrch.Api.Model;

/// <summary>Object metadata with one annotation set or removed, leaving the original untouched.</summary>
public static class AnnotationEdits
{
    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, or removes it when the value is null; no annotations at all become null.</summary>
    public static ObjectMeta WithAnnotation(this ObjectMeta metadata, string key, string? value)
    {
        var annotations = new Dictionary<string, string>(metadata.Annotations ?? []);
        if (value is null) annotations.Remove(key);
        else annotations[key] = value;
        return metadata with { Annotations = annotations.Count == 0 ? null : annotations };
    }
}
