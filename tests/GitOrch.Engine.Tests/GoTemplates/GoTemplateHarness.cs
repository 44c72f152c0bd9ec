using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.GoTemplates;
using GitOrch.Engine.Charts.Helm;

namespace GitOrch.Engine.Tests.GoTemplates;

/// <summary>Renders one template with Helm's functions, its dot read from YAML as Helm reads values (every number a float64).</summary>
public static class GoTemplateHarness
{
    public static string Render(string template, string dotYaml = "{}", params (string Name, string Text)[] others)
    {
        var set = new GoTemplateSet(HelmFunctions.All);
        foreach (var (name, text) in others) set.Add(name, text);
        set.Add("test", template);
        return set.Execute("test", HelmValues.FromJson(ValuesYaml.Parse("dot.yaml", dotYaml)));
    }

    public static string Failure(string template, string dotYaml = "{}")
    {
        var error = Assert.Throws<GoTemplateException>(() => Render(template, dotYaml));
        return $"{error.At.Line}:{error.At.Column}: {error.Message}";
    }
}
