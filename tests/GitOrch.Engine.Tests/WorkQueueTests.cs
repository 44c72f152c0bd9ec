using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Time.Testing;

namespace GitOrch.Engine.Tests;

public class WorkQueueTests
{
    [Fact]
    public async Task AKeyAddedTwiceWhileWaitingIsTakenOnce()
    {
        var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task AKeyAddedWhileBeingWorkedOnWaitsUntilDone()
    {
        var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None);
        queue.Add("a");

        var second = queue.TakeAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        queue.Done(key);
        Assert.Equal("a", await second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task AddAfterWaitsForTheClock()
    {
        var clock = new FakeTimeProvider();
        var queue = new WorkQueue(clock);
        queue.AddAfter("later", TimeSpan.FromSeconds(30));

        var take = queue.TakeAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(take.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("later", await take.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void BackoffDoublesWithJitterUpToItsCap()
    {
        Assert.InRange(Controller.Backoff(1).TotalMilliseconds, 40, 60);
        Assert.InRange(Controller.Backoff(4).TotalMilliseconds, 320, 480);
        Assert.InRange(Controller.Backoff(40).TotalSeconds, 24, 36);
    }
}
