using GitOrch.Api.Model;

namespace GitOrch.Cli.Tests;

/// <summary><c>events</c> and <c>wait</c> in kubectl's shape: columns, order, filters, what each prints and its exit code.</summary>
public sealed class EventsAndWaitCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task RecordAsync(string name, int minute, string type = EventTypes.Normal, string about = "web-1", string ns = "default") =>
        _cli.Client.CreateAsync(new Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = about, Namespace = ns },
            Type = type,
            Reason = name,
            Message = $"{name} happened",
            FirstTimestamp = new DateTimeOffset(2026, 12, 1, 10, minute, 0, TimeSpan.Zero),
        });

    [Fact]
    public async Task Events_print_kubectls_columns_oldest_first()
    {
        await RecordAsync("Pulled", 30);
        await RecordAsync("Scheduled", 10);

        var result = await _cli.RunAsync("events");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], System.Text.RegularExpressions.Regex.Split(result.OutputLines[0], " {3,}"));
        Assert.Equal(["Scheduled", "Pulled"], result.OutputLines.Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        Assert.Contains("pod/web-1", result.OutputLines[1]);
    }

    [Fact]
    public async Task For_and_types_keep_one_objects_events_of_the_types_asked()
    {
        await RecordAsync("Scheduled", 10);
        await RecordAsync("BackOff", 20, EventTypes.Warning);
        await RecordAsync("Killing", 30, EventTypes.Warning, about: "web-2");

        var result = await _cli.RunAsync("events", "--for", "pod/web-1", "--types", "warning");

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(result.OutputLines.Skip(1));
        Assert.Contains("BackOff", row);
    }

    [Fact]
    public async Task All_namespaces_adds_the_namespace_column_and_an_empty_namespace_says_so()
    {
        await RecordAsync("Scheduled", 10, ns: "shop");

        var all = await _cli.RunAsync("events", "-A");
        var none = await _cli.RunAsync("events");

        Assert.StartsWith("NAMESPACE", all.OutputLines[0]);
        Assert.StartsWith("shop", all.OutputLines[1]);
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("No events found in default namespace.", none.Output.Trim());
    }

    [Theory]
    [InlineData("--types", "Info", "--types \"Info\": expected Normal or Warning")]
    [InlineData("--for", "web-1", "--for \"web-1\": expected KIND/NAME")]
    public async Task A_bad_filter_is_a_usage_error_in_one_line(string flag, string value, string expected)
    {
        var result = await _cli.RunAsync("events", flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Watch_prints_the_events_so_far_then_each_new_one()
    {
        await RecordAsync("Scheduled", 10);
        var watching = _cli.Start("events", "-w");

        await watching.WaitForOutputAsync(text => text.Contains("Scheduled"), "the event that exists");
        await RecordAsync("Started", 20);
        await watching.WaitForOutputAsync(text => text.Contains("Started"), "the new event");
        var result = await watching.StopAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Length);
    }

    [Fact]
    public async Task Wait_for_a_condition_ends_when_the_status_reaches_it()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1"));
        var waiting = _cli.Start("wait", "pod/web-1", "--for=condition=Ready", "--timeout", "2m");

        var pod = await _cli.Client.GetAsync<Pod>("default", "web-1");
        await _cli.Client.PutStatusAsync(pod!, new PodStatus { Phase = "Running", Conditions = [new Condition { Type = "Ready", Status = "True" }] });
        var result = await waiting.EndedAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pod/web-1 condition met", result.Output.Trim());
    }

    [Theory]
    [InlineData("--for=jsonpath={.status.phase}=Running", 0, "pod/web-1 condition met")]
    [InlineData("--for=jsonpath={.status.phase}", 0, "pod/web-1 condition met")]
    [InlineData("--for=condition=Ready=False", 0, "pod/web-1 condition met")]
    public async Task Wait_for_a_field_or_a_false_condition_that_already_holds_ends_at_once(string condition, int exitCode, string expected)
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1"));
        var pod = await _cli.Client.GetAsync<Pod>("default", "web-1");
        await _cli.Client.PutStatusAsync(pod!, new PodStatus { Phase = "Running", Conditions = [new Condition { Type = "Ready", Status = "False" }] });

        var result = await _cli.RunAsync("wait", "pod", "web-1", condition);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(expected, result.Output.Trim());
    }

    [Fact]
    public async Task Wait_for_delete_of_every_pod_with_a_label_ends_when_they_are_gone()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1") + CliHarness.Pod("web-2") + CliHarness.Pod("db-1", app: "db"));
        var waiting = _cli.Start("wait", "pods", "-l", "app=web", "--for=delete");

        foreach (var name in new[] { "web-1", "web-2" })
            await _cli.Client.DeleteAsync((await _cli.Client.GetAsync<Pod>("default", name))!);
        var result = await waiting.EndedAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["pod/web-1 deleted", "pod/web-2 deleted"], result.OutputLines.Order());
    }

    [Fact]
    public async Task Wait_that_times_out_fails_naming_what_it_waited_for()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1"));

        var result = await _cli.RunAsync("wait", "pod/web-1", "--for=condition=Ready", "--timeout", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: timed out waiting for the condition on pods/web-1", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData(1, "wait pod/nothing --for=condition=Ready", "pods \"nothing\" not found")]
    [InlineData(2, "wait pod/web-1 --for=ready", "--for \"ready\": expected delete, condition=TYPE[=VALUE] or jsonpath={PATH}[=VALUE]")]
    [InlineData(2, "wait pods --for=delete", "which pods? Give names, -l SELECTOR or --all")]
    public async Task Wait_refuses_a_missing_object_or_a_bad_condition_in_one_line(int exitCode, string command, string expected)
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1"));

        var result = await _cli.RunAsync(command.Split(' '));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }
}
