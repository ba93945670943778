using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace OpenClaw.Tests.Shared
{
    /// <summary>
    /// What the engine asks every host and no test host varies: invariant culture, an id, a version, no nested
    /// prompts. The hosts that derive from it differ only in their name (what <c>$Host.Name</c> shows) and their UI.
    /// </summary>
    public abstract class TestHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();

        protected TestHost(string name, PSHostUserInterface ui)
        {
            Name = name;
            UI = ui;
        }

        public override string Name { get; }
        public override PSHostUserInterface UI { get; }
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
}
