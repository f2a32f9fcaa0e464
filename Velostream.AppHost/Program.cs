var builder = DistributedApplication.CreateBuilder(args);

builder.AddKafka("kafka");

builder.Build().Run();
