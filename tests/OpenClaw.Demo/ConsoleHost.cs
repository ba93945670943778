using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace OpenClaw.Demo
{
    /// <summary>A minimal console host, so Out-Default renders the module's format views and WhatIf text.</summary>
    public sealed class ConsoleHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly ConsoleUI _ui = new ConsoleUI();

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override string Name => "OpenClawDemoHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class ConsoleUI : PSHostUserInterface
        {
            public override PSHostRawUserInterface? RawUI { get; } = new FixedWidthRawUI();
            public override void Write(string value) => Console.Write(value);
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(value);
            public override void WriteLine(string value) => Console.WriteLine(value);
            public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
            public override void WriteDebugLine(string message) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);
            public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);
            public override string ReadLine() => throw new NotSupportedException("The demo never prompts.");
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The demo never prompts.");
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException("The demo never prompts.");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("The demo never prompts.");
        }
    }

    /// <summary>Tells the formatter the window is 120 columns wide (the width the module's tables are made for).</summary>
    internal sealed class FixedWidthRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; } = new Size(120, 9999);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(120, 50);
        public override Size MaxWindowSize => new Size(120, 50);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(120, 50);
        public override string WindowTitle { get; set; } = "OpenClaw demo";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The demo never reads keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
