using static GitOrch.Engine.Tests.GoTemplates.GoTemplateHarness;

namespace GitOrch.Engine.Tests.GoTemplates;

/// <summary>
/// Go's text/template as its documentation states it, with Helm's values (every number from YAML a
/// float64, a missing key printed as the text Helm then removes): text and actions, trimming, comments,
/// constants, variables, pipelines, if, range, with, define, template, block, break and continue.
/// </summary>
public sealed class GoLanguageConformanceTests
{
    [Theory]
    [InlineData("hello", "{}", "hello")]
    [InlineData("{{ .a }}", "a: x", "x")]
    [InlineData("{{ .missing }}", "{}", "<no value>")]
    [InlineData("a {{- \" b \" -}} c", "{}", "a b c")]
    [InlineData("{{23 -}} < {{- 45}}", "{}", "23<45")]
    [InlineData("a\n  {{- .a }}", "a: x", "ax")]
    [InlineData("{{ .a -}}\n\n  b", "a: x", "xb")]
    [InlineData("{{-3}}", "{}", "-3")]
    [InlineData("{{/* a comment */}}x", "{}", "x")]
    [InlineData("a {{- /* a comment */ -}} b", "{}", "ab")]
    [InlineData("{{/* a\nmultiline comment */}}x", "{}", "x")]
    [InlineData("{{ `raw\\n` }}", "{}", "raw\\n")]
    [InlineData("{{ \"a\\tb\" }}", "{}", "a\tb")]
    [InlineData("{{ \"}}\" }}", "{}", "}}")]
    [InlineData("{{ 'a' }}", "{}", "97")]
    [InlineData("{{ 1.5 }}", "{}", "1.5")]
    [InlineData("{{ 1e3 }}", "{}", "1000")]
    [InlineData("{{ 0x1F }}", "{}", "31")]
    [InlineData("{{ 0o17 }}", "{}", "15")]
    [InlineData("{{ 1_000 }}", "{}", "1000")]
    [InlineData("{{ true }} {{ false }}", "{}", "true false")]
    [InlineData("{{ .big }}", "big: 1000000", "1e+06")]
    [InlineData("{{ .n }}", "n: 123456", "123456")]
    [InlineData("{{ .f }}", "f: 1.5", "1.5")]
    [InlineData("{{ .small }}", "small: 0.00001", "1e-05")]
    [InlineData("{{ .yes }}", "yes: true", "true")]
    [InlineData("{{ .l }}", "l: [a, 1]", "[a 1]")]
    [InlineData("{{ .m }}", "m: {b: 2, a: x}", "map[a:x b:2]")]
    [InlineData("{{ .nothing }}", "nothing: null", "<no value>")]
    public void Text_actions_and_constants_print_as_Go_prints_them(string template, string dot, string expected) =>
        Assert.Equal(expected, Render(template, dot));

    [Theory]
    [InlineData("{{ $x := 1 }}{{ $x }}", "{}", "1")]
    [InlineData("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "{}", "2")]
    [InlineData("{{ $ }}", "a: 1", "map[a:1]")]
    [InlineData("{{ range .l }}{{ $.n }}{{ end }}", "l: [1, 2]\nn: x", "xx")]
    [InlineData("{{ $x := .a }}{{ $x.b }}", "a: {b: c}", "c")]
    [InlineData("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "{}", "2")]
    [InlineData("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "{}", "21")]
    [InlineData("{{ \"x\" | printf \"%s-%s\" \"y\" }}", "{}", "y-x")]
    [InlineData("{{ .a | upper | lower }}", "a: MiXed", "mixed")]
    [InlineData("{{ (len .l) }}", "l: [a, b]", "2")]
    [InlineData("{{ (index .m \"k\").v }}", "m: {k: {v: 3}}", "3")]
    [InlineData("{{ (dict \"a\" (dict \"b\" \"c\")).a.b }}", "{}", "c")]
    [InlineData("{{ $v := .a | upper }}{{ $v }}", "a: x", "X")]
    public void Variables_and_pipelines(string template, string dot, string expected) =>
        Assert.Equal(expected, Render(template, dot));

    [Theory]
    [InlineData("", "no")]
    [InlineData("a: ''", "no")]
    [InlineData("a: 0", "no")]
    [InlineData("a: []", "no")]
    [InlineData("a: {}", "no")]
    [InlineData("a: false", "no")]
    [InlineData("a: null", "no")]
    [InlineData("a: '0'", "yes")]
    [InlineData("a: 0.5", "yes")]
    [InlineData("a: [x]", "yes")]
    [InlineData("a: {k: v}", "yes")]
    [InlineData("a: true", "yes")]
    public void If_follows_Gos_truth(string dot, string expected) =>
        Assert.Equal(expected, Render("{{ if .a }}yes{{ else }}no{{ end }}", dot.Length == 0 ? "{}" : dot));

    [Theory]
    [InlineData("{{ if eq .a 1.0 }}one{{ else if eq .a 2.0 }}two{{ else }}many{{ end }}", "a: 2", "two")]
    [InlineData("{{ if eq .a 1.0 }}one{{ else if eq .a 2.0 }}two{{ else }}many{{ end }}", "a: 5", "many")]
    [InlineData("{{ if and .a .b }}y{{ else }}n{{ end }}", "a: true\nb: false", "n")]
    [InlineData("{{ or .a .b }}", "a: ''\nb: x", "x")]
    [InlineData("{{ or .a .b }}", "a: ''\nb: 0", "0")]
    [InlineData("{{ and .a .b }}", "a: 1\nb: 2", "2")]
    [InlineData("{{ and .a .b }}", "a: 0\nb: 2", "0")]
    [InlineData("{{ and false (fail \"not reached\") }}", "{}", "false")]
    [InlineData("{{ or true (fail \"not reached\") }}", "{}", "true")]
    [InlineData("{{ not .a }}", "a: ''", "true")]
    [InlineData("{{ not .a }}", "a: x", "false")]
    [InlineData("{{ if not .a }}none{{ end }}", "{}", "none")]
    public void If_else_if_and_the_logical_functions(string template, string dot, string expected) =>
        Assert.Equal(expected, Render(template, dot));

    [Theory]
    [InlineData("{{ range .l }}[{{ . }}]{{ end }}", "l: [a, b]", "[a][b]")]
    [InlineData("{{ range $i, $v := .l }}{{ $i }}={{ $v }} {{ end }}", "l: [a, b]", "0=a 1=b ")]
    [InlineData("{{ range $v := .l }}{{ $v }}{{ end }}", "l: [a, b]", "ab")]
    [InlineData("{{ range $k, $v := .m }}{{ $k }}:{{ $v }},{{ end }}", "m: {b: 2, a: 1, c: 3}", "a:1,b:2,c:3,")]
    [InlineData("{{ range .m }}{{ . }}{{ end }}", "m: {z: 1, y: 2}", "21")]
    [InlineData("{{ range .l }}x{{ else }}empty{{ end }}", "l: []", "empty")]
    [InlineData("{{ range .missing }}x{{ else }}empty{{ end }}", "{}", "empty")]
    [InlineData("{{ range 3 }}{{ . }}{{ end }}", "{}", "012")]
    [InlineData("{{ range .l }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "l: [a, b, c]", "a")]
    [InlineData("{{ range .l }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", "l: [a, b, c]", "ac")]
    [InlineData("{{ range .l }}{{ range . }}{{ . }}{{ end }};{{ end }}", "l: [[1, 2], [3]]", "12;3;")]
    [InlineData("{{ range $i, $e := .l }}{{ if $i }},{{ end }}{{ $e }}{{ end }}", "l: [a, b, c]", "a,b,c")]
    [InlineData("{{ range .l }}{{ .name }} {{ end }}", "l: [{name: x}, {name: y}]", "x y ")]
    [InlineData("{{ $n := 0 }}{{ range .l }}{{ $n = add1 $n }}{{ end }}{{ $n }}", "l: [a, b, c]", "3")]
    public void Range_over_lists_maps_and_integers(string template, string dot, string expected) =>
        Assert.Equal(expected, Render(template, dot));

    [Theory]
    [InlineData("{{ with .a }}{{ . }}{{ else }}none{{ end }}", "a: x", "x")]
    [InlineData("{{ with .a }}{{ . }}{{ else }}none{{ end }}", "{}", "none")]
    [InlineData("{{ with .m }}{{ .k }}{{ end }}", "m: {k: v}", "v")]
    [InlineData("{{ with $x := .a }}{{ $x }}{{ end }}", "a: x", "x")]
    [InlineData("{{ with .a }}a{{ else with .b }}{{ . }}{{ end }}", "b: y", "y")]
    [InlineData("{{ with .a }}{{ $.b }}{{ end }}", "a: 1\nb: root", "root")]
    public void With_sets_dot_when_the_value_is_true(string template, string dot, string expected) =>
        Assert.Equal(expected, Render(template, dot));

    [Theory]
    [InlineData("{{ define \"t\" }}T{{ . }}{{ end }}{{ template \"t\" \"x\" }}", "T" + "x")]
    [InlineData("{{ template \"lib\" }}", "<<no value>>")]
    [InlineData("{{ template \"lib\" 5 }}", "<5>")]
    [InlineData("{{ block \"b\" \"x\" }}[{{ . }}]{{ end }}", "[x]")]
    [InlineData("{{ define \"lib\" }}mine{{ end }}{{ template \"lib\" }}", "mine")]
    [InlineData("{{ define \"r\" }}{{ if . }}{{ . }}{{ template \"r\" (sub . 1) }}{{ end }}{{ end }}{{ template \"r\" 3 }}", "321")]
    public void Define_template_and_block(string template, string expected) =>
        Assert.Equal(expected, Render(template, "{}", ("other", "{{ define \"lib\" }}<{{ . }}>{{ end }}")));

    [Theory]
    [InlineData("{{ .a.b }}", "{}", "1:4: executing \"test\" at <.a.b>: nil pointer evaluating interface {}.b")]
    [InlineData("{{ .a.b }}", "a: text", "1:4: executing \"test\" at <.a.b>: can't evaluate field b in type string")]
    [InlineData("x\n  {{ nofunc }}", "{}", "2:6: executing \"test\" at <nofunc>: function \"nofunc\" not defined")]
    [InlineData("{{ if }}", "{}", "missing value for if")]
    [InlineData("{{ end }}", "{}", "unexpected {{end}}")]
    [InlineData("{{ if true }}x", "{}", "unexpected EOF")]
    [InlineData("{{ template \"nope\" }}", "{}", "template \"nope\" not defined")]
    [InlineData("{{ .a 1 }}", "a: x", "a is not a method but has arguments")]
    [InlineData("{{ 3 4 }}", "{}", "can't give argument to non-function 3")]
    [InlineData("{{ .a", "{}", "unclosed action")]
    [InlineData("{{ \"abc }}", "{}", "unterminated quoted string")]
    [InlineData("{{ range .s }}{{ end }}", "s: str", "range can't iterate over str")]
    [InlineData("{{ $x }}", "{}", "undefined variable: $x")]
    [InlineData("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", "{}", "undefined variable: $x")]
    [InlineData("{{ break }}", "{}", "{{break}} outside {{range}}")]
    [InlineData("{{ /* open comment }}", "{}", "unclosed comment")]
    [InlineData("{{ define \"r\" }}{{ template \"r\" }}{{ end }}{{ template \"r\" }}", "{}", "exceeded max template depth")]
    [InlineData("{{ eq .a 1 }}", "a: 1", "error calling eq: incompatible types for comparison")]
    [InlineData("{{ lt true false }}", "{}", "error calling lt: invalid type for comparison")]
    [InlineData("{{ index .l 5 }}", "l: [a]", "error calling index: index out of range: 5")]
    [InlineData("{{ len 3 }}", "{}", "error calling len: len of type int")]
    [InlineData("{{ else }}", "{}", "unexpected {{else}}")]
    public void Errors_name_the_position_and_say_what_Go_says(string template, string dot, string expected) =>
        Assert.Contains(expected, Failure(template, dot));
}
