// Entry point: verbs are dispatched by Cli/. See README for the verb list.
return Velostream.Engine.Cli.CommandLine.Run(args);
