using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GitOrch.Api.Serialization;

/// <summary>One object read from a manifest file, with where it came from: its first and last lines.</summary>
public sealed record LoadedObject(KubeObject Object, string Path, long Line, long Column, long EndLine);

/// <summary>
/// Loads multi-document Kubernetes-style YAML into typed objects. Unknown kinds and unknown fields are
/// errors, reported as <c>path:line:col: problem</c>.
/// </summary>
public static class ManifestLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithTypeConverter(new JsonNodeYamlConverter())
        .WithTypeConverter(new IntOrStringYamlConverter())
        .Build();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Far above any real manifest file (Kubernetes stores an object in at most 1.5 MB); a bigger one is refused unread.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Loads a file's bytes, which must be UTF-8: an invalid byte is an error at its position, never a replacement character.</summary>
    public static IReadOnlyList<LoadedObject> Load(string path, byte[] content, string defaultNamespace = WellKnown.DefaultNamespace)
    {
        if (content.Length > MaxFileBytes)
            throw new ManifestException(path, 1, 1, $"the file is {content.Length} bytes, more than the {MaxFileBytes} a manifest file may be");
        if (content.AsSpan().StartsWith(Encoding.Unicode.GetPreamble()) || content.AsSpan().StartsWith(Encoding.BigEndianUnicode.GetPreamble()))
            throw new ManifestException(path, 1, 1, "the file is UTF-16 text (it starts with a UTF-16 byte order mark); manifests must be UTF-8 text");
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            var before = content.AsSpan(0, Math.Max(e.Index, 0));
            var line = before.Count((byte)'\n') + 1;
            var column = before.Length - before.LastIndexOf((byte)'\n');
            throw new ManifestException(path, line, column, $"byte 0x{content[Math.Max(e.Index, 0)]:X2} is not valid UTF-8; manifests must be UTF-8 text");
        }
        return Load(path, text.TrimStart('\uFEFF'), defaultNamespace);
    }

    /// <summary>C0 control characters other than tab and line breaks, which YAML does not allow; the parser would take a NUL for the end of the text.</summary>
    private static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F']);

    /// <param name="defaultNamespace">The namespace of namespaced objects that name none.</param>
    public static IReadOnlyList<LoadedObject> Load(string path, string text, string defaultNamespace = WellKnown.DefaultNamespace)
    {
        if (text.AsSpan().IndexOfAny(ControlCharacters) is >= 0 and var control)
        {
            var before = text.AsSpan(0, control);
            throw new ManifestException(path, before.Count('\n') + 1, control - before.LastIndexOf('\n'),
                $"control character U+{(int)text[control]:X4} is not allowed in YAML");
        }
        var loaded = new List<LoadedObject>();
        // A bad document does not stop the next one from being checked; broken YAML stops the file.
        var errors = new List<ManifestException>();
        var parser = new Parser(new StringReader(text));
        var documents = new List<List<ParsingEvent>>();
        ManifestException? broken = null;
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
                if (ReadDocument(parser) is { } document) documents.Add(document);
        }
        catch (YamlException e)
        {
            broken = new ManifestException(path, e.Start.Line, e.Start.Column, YamlErrorText.Describe(e));
        }
        catch (ArgumentException)
        {
            // The parser builds a tag's name as it reads it, and a name that is no URI (!!bi[ry) throws there.
            var at = parser.Current?.End ?? Mark.Empty;
            broken = new ManifestException(path, Math.Max(at.Line, 1), Math.Max(at.Column, 1), "a tag after this is not valid: YAML tags are URIs, such as !!str");
        }
        catch (InvalidOperationException)
        {
            // The parser stopped in a state it cannot explain, such as text that ends inside an open structure.
            var at = parser.Current?.Start ?? Mark.Empty;
            broken = new ManifestException(path, Math.Max(at.Line, 1), Math.Max(at.Column, 1), "the YAML ends or breaks off before an open '{', '[' or quote is closed");
        }
        // Definitions first, so that the custom resources of the same file find their kind.
        foreach (var document in documents.OrderBy(document => FindTopLevelScalar(document, "kind")?.Value == Kinds.CustomResourceDefinition.Kind ? 0 : 1))
        {
            try
            {
                YamlFields.RefuseDuplicateKeys(path, document);
                foreach (var item in FindTopLevelScalar(document, "kind")?.Value == "List" ? ListItems(path, document) : [document])
                    loaded.Add(LoadDocument(path, item, defaultNamespace));
            }
            catch (ManifestException e)
            {
                errors.Add(e);
            }
            catch (YamlException e)
            {
                // A field the kind does not have, or a value of the wrong type.
                errors.Add(new ManifestException(path, e.Start.Line, e.Start.Column, YamlErrorText.Describe(e)));
            }
        }
        if (broken is not null) errors.Add(broken);
        if (errors.Count > 0) throw ManifestException.Of(errors);
        return loaded;
    }

    /// <summary>Buffers one document's events, refusing nesting past <see cref="YamlFields.MaxDepth"/>; returns null for an empty document.</summary>
    private static List<ParsingEvent>? ReadDocument(IParser parser)
    {
        var events = new List<ParsingEvent> { parser.Consume<DocumentStart>() };
        var depth = 0;
        while (parser.Current is not DocumentEnd)
        {
            depth += parser.Current!.NestingIncrease;
            if (depth > YamlFields.MaxDepth)
                throw new YamlException(parser.Current.Start, parser.Current.End, $"the YAML nests deeper than {YamlFields.MaxDepth} levels");
            events.Add(parser.Current);
            parser.MoveNext();
        }
        events.Add(parser.Consume<DocumentEnd>());
        var isEmpty = events.Count == 3 && events[1] is Scalar { Value: "" or "~" or "null" };
        return isEmpty ? null : events;
    }

    /// <summary>
    /// A <c>kind: List</c> document (what <c>gitorch get -o yaml</c> prints for several objects) as one
    /// document per entry of its <c>items</c>, each keeping its own line numbers.
    /// </summary>
    private static IEnumerable<List<ParsingEvent>> ListItems(string path, List<ParsingEvent> events)
    {
        var depth = 0;
        var itemsAt = -1;
        for (var i = 1; i < events.Count - 1 && itemsAt < 0; i++)
        {
            if (depth == 1 && events[i] is Scalar { Value: "items" } && events[i + 1] is SequenceStart) itemsAt = i + 1;
            depth += events[i].NestingIncrease;
        }
        if (itemsAt < 0)
            throw new ManifestException(path, events[1].Start.Line, events[1].Start.Column, "a List needs an \"items\" sequence");

        var item = new List<ParsingEvent>();
        depth = 0;
        for (var i = itemsAt + 1; events[i] is not SequenceEnd || depth > 0; i++)
        {
            item.Add(events[i]);
            depth += events[i].NestingIncrease;
            if (depth > 0) continue;
            yield return [new DocumentStart(), .. item, new DocumentEnd(isImplicit: true)];
            item = [];
        }
    }

    private static LoadedObject LoadDocument(string path, List<ParsingEvent> events, string defaultNamespace)
    {
        var root = events[1];
        if (root is not MappingStart)
            throw new ManifestException(path, root.Start.Line, root.Start.Column, "a manifest must be a mapping with apiVersion, kind and metadata");

        var kindScalar = FindTopLevelScalar(events, "kind")
            ?? throw new ManifestException(path, root.Start.Line, root.Start.Column, "missing field \"kind\"");
        var info = Kinds.FindByKind(kindScalar.Value)
            ?? throw new ManifestException(path, kindScalar.Start.Line, kindScalar.Start.Column, UnknownKind(kindScalar.Value, FindTopLevelScalar(events, "apiVersion")?.Value));

        var apiVersionScalar = FindTopLevelScalar(events, "apiVersion");
        if (apiVersionScalar?.Value is not { } apiVersion || !info.ServedApiVersions.Contains(apiVersion))
        {
            var at = apiVersionScalar ?? (ParsingEvent)root;
            throw new ManifestException(path, at.Start.Line, at.Start.Column,
                $"kind {info.Kind} needs apiVersion \"{info.ApiVersion}\", not \"{apiVersionScalar?.Value}\"");
        }

        var obj = (info.IsStoredOnly ? LoadStored(events) : Deserialize<KubeObject>(events, info.Type))
            ?? throw new ManifestException(path, root.Start.Line, root.Start.Column, "empty manifest");

        var problem = ObjectValidator.Validate(obj)
                      ?? (info.Custom is { } custom ? CustomResourceValidator.Validate(custom, apiVersion, Deserialize<JsonNode>(events, typeof(JsonNode))!) : null);
        if (problem is not null)
        {
            var at = problem.Path.Length == 0 ? new Mark(root.Start.Index, root.Start.Line, root.Start.Column) : YamlFields.Find(path, events, problem.Path);
            var name = obj.Metadata.Name is { Length: > 0 } named ? $" \"{named}\"" : "";
            throw new ManifestException(path, at.Line, at.Column, $"{info.Kind}{name}: {problem}");
        }
        if (obj is CustomResourceDefinition definition) Kinds.Register(definition);
        return new LoadedObject(ObjectDefaults.Apply(obj, defaultNamespace), path, root.Start.Line, root.Start.Column, LastLine(events));
    }

    /// <summary>
    /// A typo gets the kind it was probably meant to be; a kind of a group (<c>example.com/v1</c>) is a
    /// custom resource whose definition is missing; anything else gets the list of kinds.
    /// </summary>
    private static string UnknownKind(string kind, string? apiVersion)
    {
        var declarable = Kinds.All.Where(info => !info.WrittenByCluster).Select(info => info.Kind).ToList();
        if (Suggestions.Closest(kind, declarable) is { } guess) return $"unknown kind \"{kind}\"; did you mean \"{guess}\"?";
        if (apiVersion?.Split('/') is [var group, _] && group.Contains('.'))
            return $"kind {kind} ({apiVersion}) has no CustomResourceDefinition: add the definition to the repository, or remove the resource";
        return $"unknown kind \"{kind}\" (GitOrch knows: {string.Join(", ", declarable)}, and the kinds of CustomResourceDefinitions)";
    }

    private static T? Deserialize<T>(List<ParsingEvent> events, Type type) where T : class
    {
        var value = (T?)Deserializer.Deserialize(new EventReplayParser([new StreamStart(), .. events, new StreamEnd()]), type);
        NullFields.Fill(value);
        return value;
    }

    /// <summary>
    /// A stored-only kind's document: apiVersion, kind and metadata are read as strictly as any kind's,
    /// and every other field is kept as written.
    /// </summary>
    private static StoredObject? LoadStored(List<ParsingEvent> events)
    {
        var typed = Deserialize<StoredObject>(YamlFields.OnlyTopLevelKeys(events, TypedKeys), typeof(StoredObject));
        if (typed is null || Deserialize<JsonNode>(events, typeof(JsonNode)) is not JsonObject all) return typed;
        var fields = all.Where(pair => !TypedKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
        return typed with { Fields = fields.Count == 0 ? null : fields };
    }

    private static readonly string[] TypedKeys = ["apiVersion", "kind", "metadata"];

    /// <summary>The document's last line; a block's end mark sits at the start of the line after it.</summary>
    private static long LastLine(List<ParsingEvent> events)
    {
        var end = events[^2].End;
        return end.Column <= 1 && end.Line > events[1].Start.Line ? end.Line - 1 : end.Line;
    }

    /// <summary>Finds the scalar value of a key in the document's root mapping.</summary>
    private static Scalar? FindTopLevelScalar(List<ParsingEvent> events, string key)
    {
        var depth = 0;
        var atKey = true;
        for (var i = 1; i < events.Count - 1; i++)
        {
            var current = events[i];
            if (depth == 1 && atKey)
            {
                if (current is Scalar name && name.Value == key && events[i + 1] is Scalar value)
                    return value;
                atKey = false;
                continue;
            }
            if (depth == 1) atKey = true;
            depth += current.NestingIncrease;
        }
        return null;
    }

}
