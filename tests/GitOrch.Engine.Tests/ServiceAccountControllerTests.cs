using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;

namespace GitOrch.Engine.Tests;

public class ServiceAccountControllerTests
{
    private readonly ControlPlaneHarness _harness = new();

    private async Task<IReadOnlyList<string>> AccountsAsync() =>
        (await _harness.Client.ListAsync<ServiceAccount>(null)).Select(account => $"{account.Namespace}/{account.Name}").Order().ToList();

    [Fact]
    public async Task EveryDeclaredNamespace_AndTheDefaultOne_GetADefaultAccount_WhichComesBackWhenDeleted()
    {
        var controller = new ServiceAccountController(_harness.Context);
        await _harness.CreateAsync(new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = "shop" } });

        await _harness.ReconcileAsync(controller, "shop", "_");
        await _harness.ReconcileAsync(controller, "default", "_");
        await _harness.ReconcileAsync(controller, "never-declared", "_");
        var made = await AccountsAsync();
        await _harness.Client.DeleteAsync((await _harness.Client.GetAsync<ServiceAccount>("shop", "default"))!);
        await _harness.ReconcileAsync(controller, "shop", "_");

        Assert.Equal(["default/default", "shop/default"], made);
        Assert.Equal(["default/default", "shop/default"], await AccountsAsync());
    }
}
