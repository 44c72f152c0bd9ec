using GitOrch.Cli;

return await GitOrchCli.RunAsync(args, Console.Out, Console.Error);
