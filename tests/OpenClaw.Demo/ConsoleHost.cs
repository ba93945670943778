using System.Management.Automation.Host;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Demo
{
    /// <summary>A minimal console host, so Out-Default renders the module's format views and WhatIf text.</summary>
    public sealed class ConsoleHost : TestHost
    {
        public ConsoleHost() : base("OpenClawDemoHost", new ConsoleUI())
        {
        }

        private sealed class ConsoleUI : NonInteractiveHostUI
        {
            public ConsoleUI() : base("The demo")
            {
            }

            /// <summary>120 columns: the width the module's tables are made for.</summary>
            public override PSHostRawUserInterface? RawUI { get; } = new FixedWidthRawUI(120, "OpenClaw demo");
            public override void Write(string value) => Console.Write(value);
            public override void WriteLine(string value) => Console.WriteLine(value);
            public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
            public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);
            public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);
        }
    }
}
