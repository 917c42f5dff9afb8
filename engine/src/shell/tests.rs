//! Data-driven tests of the shell through its command boundary, against a small test host.

use expect_test::{Expect, expect};

use super::{Frame, FrameKind, Host, Shell, needs_more_input};
use crate::exec::{Ctx, Output};

/// A host with a few canned `oc` answers, nested-shell commands and a virtual clock.
pub(crate) struct TestHost {
    pub now: i64,
    pub pods: u32,
}

impl Default for TestHost {
    fn default() -> Self {
        // Mon Nov 23 07:21:35 UTC 2026.
        TestHost {
            now: 1_795_418_495_000,
            pods: 0,
        }
    }
}

impl Host for TestHost {
    fn run(&mut self, argv: &[String], ctx: &mut Ctx, frame: &Frame) -> Option<Output> {
        let args: Vec<&str> = argv.iter().map(String::as_str).collect();
        match (&frame.kind, args.as_slice()) {
            (FrameKind::Workstation, ["oc", "whoami", "-t"]) => {
                Some(Output::ok("sha256~Q2hhbmdlTWU\n"))
            }
            (FrameKind::Workstation, ["oc", "whoami"]) => Some(Output::ok("kube:admin\n")),
            (FrameKind::Workstation, ["oc", "get", "pods", "-o", "json"]) => Some(Output::ok(
                "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\"metadata\": {\"name\": \"web-1\", \"labels\": {\"app\": \"web\"}}, \"status\": {\"phase\": \"Running\"}},\n        {\"metadata\": {\"name\": \"db-0\"}, \"status\": {\"phase\": \"Pending\"}}\n    ],\n    \"kind\": \"List\"\n}\n",
            )),
            (FrameKind::Workstation, ["oc", "get", "pods"]) => {
                let (ready, status) = if self.pods >= 10 {
                    ("1/1", "Running")
                } else {
                    ("0/1", "Pending")
                };
                Some(Output::ok(format!(
                    "NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          {}s\ndb-0    {ready}     {status:<9} 0          {}s\n",
                    self.pods, self.pods
                )))
            }
            (FrameKind::Workstation, ["oc", "apply", "-f", "-"]) => {
                let name = ctx
                    .stdin
                    .lines()
                    .find_map(|l| l.trim().strip_prefix("name: "))
                    .unwrap_or("unnamed")
                    .to_owned();
                Some(Output::ok(format!("deployment.apps/{name} created\n")))
            }
            (FrameKind::Workstation, ["oc", "debug", node]) => {
                let node = node.strip_prefix("node/").unwrap_or(node);
                ctx.push_frame(Frame::debug_node(node, "\nRemoving debug pod ...\n"));
                Some(Output {
                    stdout: String::new(),
                    stderr: format!(
                        "Starting pod/{node}-debug ...\nTo use host binaries, run `chroot /host`\nPod IP: 10.0.0.5\nIf you don't see a command prompt, try pressing enter.\n"
                    ),
                    code: 0,
                })
            }
            (FrameKind::Workstation, ["oc", "rsh", pod]) => {
                ctx.push_frame(Frame::container("demo", pod, "web", "sh-4.4$ ", ""));
                Some(Output::default())
            }
            (FrameKind::Workstation, ["ssh", target]) => {
                let (user, node) = target.split_once('@').unwrap_or(("student", target));
                ctx.push_frame(Frame::ssh(
                    user,
                    node,
                    &format!("Connection to {node} closed.\n"),
                ));
                Some(Output::default())
            }
            (FrameKind::Workstation, ["oc", ..]) => {
                Some(Output::err("error: unknown command\n", 1))
            }
            (FrameKind::NodeRoot { node }, ["systemctl", "is-active", "kubelet"]) => {
                Some(Output::ok(format!("active\n# on {node}\n")))
            }
            (FrameKind::NodeRoot { .. }, ["crictl", "ps", ..]) => Some(Output::ok(
                "CONTAINER  IMAGE  NAME\nabc123  quay.io/x  etcd\n",
            )),
            (FrameKind::NodeRoot { .. }, ["cat", "/etc/os-release"]) => {
                Some(Output::ok("NAME=\"Red Hat Enterprise Linux CoreOS\"\n"))
            }
            _ => None,
        }
    }

    fn advance(&mut self, ms: u64) {
        self.now += ms as i64;
        self.pods += (ms / 1000) as u32;
    }

    fn now(&self) -> i64 {
        self.now
    }

    fn command_names(&self, frame: &Frame) -> Vec<String> {
        match frame.kind {
            FrameKind::Workstation => vec!["oc".into(), "kubectl".into(), "ssh".into()],
            FrameKind::NodeRoot { .. } => vec!["systemctl".into(), "crictl".into()],
            _ => vec![],
        }
    }

    fn complete_args(&self, argv: &[String], _partial: &str, _frame: &Frame) -> Vec<String> {
        match argv {
            [oc] if oc == "oc" => vec![
                "apply".into(),
                "debug".into(),
                "get".into(),
                "whoami".into(),
            ],
            _ => Vec::new(),
        }
    }
}

/// Renders an output as the tests show it: stdout, then stderr and a non-zero code when present.
fn render(out: &Output) -> String {
    // A snapshot whose every line is indented would lose that indentation, so such output gets a header line.
    let mut text = String::new();
    if !out.stdout.is_empty()
        && out
            .stdout
            .lines()
            .all(|l| l.is_empty() || l.starts_with(char::is_whitespace))
    {
        text.push_str("--- stdout\n");
    }
    text.push_str(&out.stdout);
    if !out.stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&out.stderr);
    }
    if out.code != 0 {
        text.push_str(&format!("--- code {}\n", out.code));
    }
    text
}

/// A shell with a few files in the home directory.
fn seeded() -> Shell {
    let mut shell = Shell::new();
    let home = "/home/student";
    shell.fs.write(&format!("{home}/pods.txt"), "NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5m\ndb-0    0/1     Pending   0          5m\napi-2   1/1     Running   3          2d\n").unwrap();
    shell
        .fs
        .write(&format!("{home}/words"), "b\na\nc\na\nB\n10\n9\n")
        .unwrap();
    shell.fs.mkdir(&format!("{home}/manifests"), false).unwrap();
    shell
        .fs
        .write(
            &format!("{home}/manifests/deploy.yaml"),
            "kind: Deployment\nmetadata:\n  name: web\n",
        )
        .unwrap();
    shell
        .fs
        .write(&format!("{home}/manifests/svc.yaml"), "kind: Service\n")
        .unwrap();
    shell
        .fs
        .write(&format!("{home}/.bashrc"), "export EDITOR=vim\n")
        .unwrap();
    shell
}

/// Runs `input` (lines run one after another, as typed) in a seeded shell and compares what it printed.
fn check(input: &str, expect: Expect) {
    let mut shell = seeded();
    let mut host = TestHost::default();
    let mut text = String::new();
    for line in split_inputs(input) {
        text.push_str(&render(&shell.run(&line, &mut host)));
    }
    expect.assert_eq(&text);
}

/// Splits a test script into inputs the way the UI would: a line, plus further lines while more input is needed.
fn split_inputs(script: &str) -> Vec<String> {
    let mut inputs = Vec::new();
    let mut current = String::new();
    for line in script.split_inclusive('\n') {
        current.push_str(line);
        if !needs_more_input(&current) {
            inputs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        inputs.push(current);
    }
    inputs
}

// ----- parser features -----

#[test]
fn quoting_and_escapes() {
    check(
        r#"echo 'a  b' "c  $HOME" d\ e \$HOME "\$x \"q\"" 'it'\''s'"#,
        expect![[r#"
        a  b c  /home/student d e $HOME $x "q" it's
    "#]],
    );
    check(
        r#"echo "tab:\t" 'sq:\t'"#,
        expect![[r#"
        tab:\t sq:\t
    "#]],
    );
    check(
        "echo a\\\nb",
        expect![[r#"
        ab
    "#]],
    );
}

#[test]
fn ansi_c_quoting() {
    check(
        "echo $'a\\tb' $'it\\'s'",
        expect![[r#"
        a	b it's
    "#]],
    );
}

#[test]
fn lists_and_exit_codes() {
    check(
        "true && echo yes || echo no; false && echo yes || echo no",
        expect![[r#"
        yes
        no
    "#]],
    );
    check(
        "false; echo $?; true; echo $?",
        expect![[r#"
        1
        0
    "#]],
    );
    check(
        "! false && echo negated",
        expect![[r#"
        negated
    "#]],
    );
    check(
        "nosuch; echo $?",
        expect![[r#"
        127
        --- stderr
        bash: nosuch: command not found
    "#]],
    );
    check(
        "./run.sh",
        expect![[r#"
        --- stderr
        bash: ./run.sh: No such file or directory
        --- code 127
    "#]],
    );
}

#[test]
fn variables() {
    check(
        "X=1; echo $X ${X} \"${X}0\" $X0.",
        expect![[r#"
        1 1 10 .
    "#]],
    );
    check(
        "export NS=demo; env | grep NS; echo $NS",
        expect![[r#"
        NS=demo
        demo
    "#]],
    );
    check(
        "A=local; env | grep -c ^A=",
        expect![[r#"
        0
        --- code 1
    "#]],
    );
    check(
        "echo ${UNSET:-fallback} ${HOME:+set} ${#HOME}",
        expect![[r#"
        fallback set 13
    "#]],
    );
    check(
        "P=pod/web-1; echo ${P#*/} ${P%-*}",
        expect![[r#"
        web-1 pod/web
    "#]],
    );
    check(
        "export KUBECONFIG=~/auth/kubeconfig; echo $KUBECONFIG a=~",
        expect![[r#"
            /home/student/auth/kubeconfig a=/home/student
        "#]],
    );
    check(
        "echo $USER $HOME $KUBECONFIG.",
        expect![[r#"
        student /home/student .
    "#]],
    );
    check(
        "unset HOME; cd; echo $?",
        expect![[r#"
        1
        --- stderr
        bash: cd: HOME not set
    "#]],
    );
    check(
        "export 1x=2",
        expect![[r#"
        --- stderr
        bash: export: `1x=2': not a valid identifier
        --- code 1
    "#]],
    );
    check(
        "K=v env | grep ^K=; echo after:$K",
        expect![[r#"
        K=v
        after:
    "#]],
    );
}

#[test]
fn command_substitution() {
    check(
        "TOKEN=$(oc whoami -t); echo token=$TOKEN",
        expect![[r#"
        token=sha256~Q2hhbmdlTWU
    "#]],
    );
    check(
        "echo \"user: $(oc whoami)\" `echo back`",
        expect![[r#"
        user: kube:admin back
    "#]],
    );
    check(
        "echo $(echo a; echo b)",
        expect![[r#"
        a b
    "#]],
    );
    check(
        "echo \"$(echo a; echo b)\"",
        expect![[r#"
        a
        b
    "#]],
    );
    check(
        "X=$(false); echo $?",
        expect![[r#"
        1
    "#]],
    );
    check(
        "echo $(cd /tmp; pwd); pwd",
        expect![[r#"
        /tmp
        /home/student
    "#]],
    );
}

#[test]
fn pipes() {
    check("echo a b | tr a-z A-Z", expect![["A B\n"]]);
    check(
        "cat pods.txt | grep Running | wc -l",
        expect![[r#"
        2
    "#]],
    );
    check(
        "nosuch | echo still",
        expect![[r#"
        still
        --- stderr
        bash: nosuch: command not found
    "#]],
    );
    check(
        "echo x |",
        expect![[r#"
        --- stderr
        bash: syntax error: unexpected end of file
        --- code 2
    "#]],
    );
}

#[test]
fn syntax_errors() {
    check(
        "| echo",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `|'
        --- code 2
    "#]],
    );
    check(
        "echo a && && echo b",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `&&'
        --- code 2
    "#]],
    );
    check(
        "echo >",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `newline'
        --- code 2
    "#]],
    );
    check(
        "echo a ;; echo b",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `;;'
        --- code 2
    "#]],
    );
    check(
        "echo 'unterminated",
        expect![[r#"
        --- stderr
        bash: unexpected EOF while looking for matching `''
        bash: syntax error: unexpected end of file
        --- code 2
    "#]],
    );
    check(
        "echo )",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `)'
        --- code 2
    "#]],
    );
}

#[test]
fn compound_commands() {
    check(
        "for i in 1 2 3; do echo item $i; done",
        expect![[r#"
            item 1
            item 2
            item 3
        "#]],
    );
    check(
        "for f in manifests/*.yaml\ndo\n  grep -c kind $f\ndone",
        expect![[r#"
            1
            1
        "#]],
    );
    check(
        "if grep -q Pending pods.txt; then echo pending; else echo none; fi",
        expect![[r#"
            pending
        "#]],
    );
    check(
        "if false; then echo a; elif true; then echo b; fi; if false; then echo c; fi; echo $?",
        expect![[r#"
            b
            0
        "#]],
    );
    check(
        "n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo $n",
        expect![[r#"
            3
        "#]],
    );
    check(
        "n=0; until test $n = 2; do n=$((n + 1)); echo $n; done",
        expect![[r#"
            1
            2
        "#]],
    );
    check(
        "grep -v NAME pods.txt | while read name ready status rest; do echo \"$name is $status\"; done",
        expect![[r#"
            web-1 is Running
            db-0 is Pending
            api-2 is Running
        "#]],
    );
    check(
        "while read -r line; do echo \"> $line\"; done < words | head -2",
        expect![[r#"
            > b
            > a
        "#]],
    );
    check(
        "{ echo a; echo b; } > grouped; cat grouped",
        expect![[r#"
        a
        b
    "#]],
    );
    check(
        "(cd /tmp; pwd); pwd",
        expect![[r#"
        /tmp
        /home/student
    "#]],
    );
    check(
        "for 1 in a; do echo; done",
        expect![[r#"
            --- stderr
            bash: `1': not a valid identifier
            --- code 1
        "#]],
    );
    check(
        "then echo",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `then'
        --- code 2
    "#]],
    );
    check(
        "echo a; done",
        expect![[r#"
        --- stderr
        bash: syntax error near unexpected token `done'
        --- code 2
    "#]],
    );
    check(
        "while true; do echo y; done | head -2",
        expect![[r#"
        --- stderr
        bash: too many commands in one input
    "#]],
    );
}

#[test]
fn arithmetic_expansion() {
    check(
        "x=6; echo $((x * 7)) $(( (1 + 2) % 2 )) $((x > 5 ? 1 : 0))",
        expect![[r#"
        42 1 1
    "#]],
    );
    check(
        "echo $((1 / 0)); echo after",
        expect![[r#"
        after
        --- stderr
        bash: 1 / 0: division by 0 (error token is "0")
    "#]],
    );
}

#[test]
fn seq_command() {
    check(
        "seq 3; seq 2 4 | tr '\\n' ' '; echo; seq -s, 1 2 7; seq -w 8 10",
        expect![[r#"
        1
        2
        3
        2 3 4 
        1,3,5,7
        08
        09
        10
    "#]],
    );
    check(
        "seq; seq x",
        expect![[r#"
        --- stderr
        seq: missing operand
        Try 'seq --help' for more information.
        seq: invalid floating point argument: ‘x’
        Try 'seq --help' for more information.
        --- code 1
    "#]],
    );
}

#[test]
fn comments() {
    check(
        "echo a # a comment\n# whole line\necho b#c",
        expect![[r#"
        a
        b#c
    "#]],
    );
}

#[test]
fn redirections() {
    check(
        "echo one > f; echo two >> f; cat f",
        expect![[r#"
        one
        two
    "#]],
    );
    check(
        "cat < pods.txt | head -2",
        expect![[r#"
        NAME    READY   STATUS    RESTARTS   AGE
        web-1   1/1     Running   0          5m
    "#]],
    );
    check(
        "cat nofile 2> err; cat err",
        expect![[r#"
        cat: nofile: No such file or directory
    "#]],
    );
    check(
        "cat nofile 2>&1 | tr a-z A-Z",
        expect![[r#"
        CAT: NOFILE: NO SUCH FILE OR DIRECTORY
    "#]],
    );
    check(
        "cat nofile pods.txt &> all; wc -l all",
        expect![[r#"
        5 all
    "#]],
    );
    check(
        "cat nofile > /dev/null 2>&1; echo $?",
        expect![[r#"
        1
    "#]],
    );
    check(
        "echo hi >/dev/null; echo hidden 2>/dev/null",
        expect![[r#"
        hidden
    "#]],
    );
    check(
        "cat < missing",
        expect![[r#"
        --- stderr
        bash: missing: No such file or directory
        --- code 1
    "#]],
    );
    check(
        "echo x > /nodir/f",
        expect![[r#"
        --- stderr
        bash: /nodir/f: No such file or directory
        --- code 1
    "#]],
    );
    check(
        "echo x > manifests",
        expect![[r#"
        --- stderr
        bash: manifests: Is a directory
        --- code 1
    "#]],
    );
    check(
        "cat nofile 2>&1 >out; echo --; cat out",
        expect![[r#"
        cat: nofile: No such file or directory
        --
    "#]],
    );
    check(
        "tr a-z A-Z <<< 'here string'",
        expect![[r#"
        HERE STRING
    "#]],
    );
}

#[test]
fn heredocs() {
    check(
        "cat <<EOF | oc apply -f -\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: $USER-app\nEOF",
        expect![[r#"
        deployment.apps/student-app created
    "#]],
    );
    check(
        "cat > deploy.yaml <<'EOF'\nname: $USER\nEOF\ncat deploy.yaml",
        expect![[r#"
        name: $USER
    "#]],
    );
    check(
        "cat <<-EOF\n\tindented\n\tEOF",
        expect![[r#"
        indented
    "#]],
    );
    check(
        "cat <<\"END\"\n$(whoami) \\$x\nEND",
        expect![[r#"
        $(whoami) \$x
    "#]],
    );
    check(
        "cat <<EOF\n\\$escaped $(whoami)\nEOF",
        expect![[r#"
        $escaped student
    "#]],
    );
}

#[test]
fn globs() {
    check(
        "ls manifests/*.yaml",
        expect![[r#"
        manifests/deploy.yaml  manifests/svc.yaml
    "#]],
    );
    check(
        "cd manifests; cat *.yaml",
        expect![[r#"
        kind: Deployment
        metadata:
          name: web
        kind: Service
    "#]],
    );
    check(
        "echo *.none",
        expect![[r#"
        *.none
    "#]],
    );
    check(
        "echo '*.txt' *.txt",
        expect![[r#"
        *.txt pods.txt
    "#]],
    );
    check(
        "echo ~ ~/x",
        expect![[r#"
        /home/student /home/student/x
    "#]],
    );
}

#[test]
fn needs_more_input_cases() {
    let cases = [
        ("echo a", false),
        ("echo 'a", true),
        ("echo \"a", true),
        ("echo a |", true),
        ("echo a &&", true),
        ("echo a ||", true),
        ("echo a \\", true),
        ("cat <<EOF", true),
        ("cat <<EOF\nbody", true),
        ("cat <<EOF\nbody\nEOF", false),
        ("echo $(oc whoami", true),
        ("| echo", false),
        ("", false),
        ("# comment", false),
        ("echo ${X", true),
        ("for i in 1 2; do", true),
        ("for i in 1 2; do echo $i; done", false),
        ("if true; then", true),
        ("if true; then echo; fi", false),
        ("while read l; do echo $l", true),
        ("{ echo a;", true),
        ("echo $((1 +", true),
        ("cat <<EOF\r\nbody\r\nEOF\r\n", false),
    ];
    for (input, more) in cases {
        assert_eq!(needs_more_input(input), more, "{input:?}");
    }
}

// ----- builtins -----

#[test]
fn echo_and_printf() {
    check(
        "echo -n a; echo -e 'b\\tc\\nd'; echo -ne 'x\\n'; echo -z",
        expect![[r#"
        ab	c
        d
        x
        -z
    "#]],
    );
    check(
        "printf '%s=%d\\n' a 1 b 2; printf '%5s|%-5s|%05d|%x|%.2f\\n' ab cd 42 255 3.14159",
        expect![[r#"
        a=1
        b=2
           ab|cd   |00042|ff|3.14
    "#]],
    );
    check(
        "printf 'no newline'; printf '%s\\n'",
        expect![[r#"
        no newline
    "#]],
    );
    check(
        "printf '%d\\n' abc",
        expect![[r#"
        0
        --- stderr
        bash: printf: abc: invalid number
        --- code 1
    "#]],
    );
}

#[test]
fn cd_and_pwd() {
    check(
        "pwd; cd /tmp; pwd; cd -; cd ~; pwd",
        expect![[r#"
        /home/student
        /tmp
        /home/student
        /home/student
    "#]],
    );
    check(
        "cd nowhere",
        expect![[r#"
        --- stderr
        bash: cd: nowhere: No such file or directory
        --- code 1
    "#]],
    );
    check(
        "cd pods.txt",
        expect![[r#"
        --- stderr
        bash: cd: pods.txt: Not a directory
        --- code 1
    "#]],
    );
    check(
        "cd a b",
        expect![[r#"
        --- stderr
        bash: cd: too many arguments
        --- code 1
    "#]],
    );
    check(
        "cd manifests && pwd && cd .. && pwd",
        expect![[r#"
        /home/student/manifests
        /home/student
    "#]],
    );
}

#[test]
fn prompts_follow_the_directory() {
    let mut shell = seeded();
    let mut host = TestHost::default();
    let mut prompts = vec![shell.prompt()];
    for line in ["cd manifests", "cd /", "cd /tmp"] {
        shell.run(line, &mut host);
        prompts.push(shell.prompt());
    }
    expect![[r#"
        [
            "[student@workstation ~]$ ",
            "[student@workstation manifests]$ ",
            "[student@workstation /]$ ",
            "[student@workstation tmp]$ ",
        ]
    "#]]
    .assert_debug_eq(&prompts);
}

#[test]
fn history_type_which_help() {
    check(
        "echo a\nhistory\nhistory 1",
        expect![[r#"
            a
            --- stdout
                1  echo a
                2  history
            --- stdout
                3  history 1
        "#]],
    );
    check(
        "type cd ls oc nosuch",
        expect![[r#"
        cd is a shell builtin
        ls is /usr/bin/ls
        oc is /usr/local/bin/oc
        --- stderr
        bash: type: nosuch: not found
        --- code 1
    "#]],
    );
    check(
        "which ls oc nosuch",
        expect![[r#"
        /usr/bin/ls
        /usr/local/bin/oc
        --- stderr
        /usr/bin/which: no nosuch in (/home/student/.local/bin:/home/student/bin:/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin)
        --- code 1
    "#]],
    );
    check(
        "ll manifests; type ll; sudo ls manifests; less words | head -1",
        expect![[r#"
        total 8
        -rw-r--r--. 1 student student 39 Nov 23 07:21 deploy.yaml
        -rw-r--r--. 1 student student 14 Nov 23 07:21 svc.yaml
        ll is aliased to `ls -l --color=auto'
        deploy.yaml  svc.yaml
        b
    "#]],
    );
    check(
        "help | head -3",
        expect![[r#"
        Bastion shell: a bash subset in your browser.

        Shell builtins:
    "#]],
    );
}

#[test]
fn env_whoami_hostname_true_false_clear() {
    check(
        "env | sort | head -3; whoami; hostname; true; echo $?; false; echo $?",
        expect![[r#"
        HOME=/home/student
        HOSTNAME=workstation
        LANG=en_US.UTF-8
        student
        workstation
        0
        1
    "#]],
    );
    check("clear", expect!["[H[2J"]);
}

#[test]
fn date_sleep_and_watch() {
    check(
        "date; sleep 2; date; date +%s; date -u +%Y-%m-%dT%H:%M:%SZ",
        expect![[r#"
        Mon Nov 23 07:21:35 UTC 2026
        Mon Nov 23 07:21:37 UTC 2026
        1795418497
        2026-11-23T07:21:37Z
    "#]],
    );
    check(
        "sleep; sleep x",
        expect![[r#"
        --- stderr
        sleep: missing operand
        Try 'sleep --help' for more information.
        sleep: invalid time interval 'x'
        Try 'sleep --help' for more information.
        --- code 1
    "#]],
    );
    check(
        "watch -n 5 oc get pods",
        expect![[r#"
        Every 5.0s: oc get pods                    workstation: Mon Nov 23 07:22:05 2026

        NAME    READY   STATUS    RESTARTS   AGE
        web-1   1/1     Running   0          30s
        db-0    1/1     Running   0          30s
    "#]],
    );
    check(
        "watch",
        expect![[r#"
        --- stderr
        watch: no command given

        Usage:
         watch [options] command
        --- code 1
    "#]],
    );
}

#[test]
fn source_and_exit() {
    check(
        "source .bashrc; echo $EDITOR",
        expect![[r#"
        vim
    "#]],
    );
    check(
        "exit 3; echo not reached",
        expect![[r#"
        --- code 3
    "#]],
    );
}

#[test]
fn child_shells_run_scripts_and_keep_the_terminal_shell() {
    check(
        "bash -c 'echo $0 $1 $# $@; cd /tmp; X=1; exit 3' me a b; echo \"$? $PWD [$X]\"",
        expect![[r#"
        me a 2 a b
        3 /home/student []
    "#]],
    );
    check(
        "printf 'echo script $1\\nexit 4\\necho no\\n' > s.sh; bash s.sh one; echo $?",
        expect![[r#"
        script one
        4
    "#]],
    );
    check(
        "echo 'echo from stdin' | sh; printf 'a\\nb\\n' | bash -c 'wc -l'; (exit 5); echo $?",
        expect![[r#"
        from stdin
        2
        5
    "#]],
    );
    check(
        "bash nope.sh; bash -c",
        expect![[r#"
        --- stderr
        bash: nope.sh: No such file or directory
        bash: -c: option requires an argument
        --- code 2
    "#]],
    );
}

// ----- files -----

#[test]
fn ls_forms() {
    check(
        "ls",
        expect![[r#"
        manifests  pods.txt  words
    "#]],
    );
    check(
        "ls -a",
        expect![[r#"
        .  ..  .bashrc  manifests  pods.txt  words
    "#]],
    );
    check(
        "ls -1 manifests",
        expect![[r#"
        deploy.yaml
        svc.yaml
    "#]],
    );
    check(
        "ls | wc -l",
        expect![[r#"
        3
    "#]],
    );
    check(
        "ls -l manifests",
        expect![[r#"
        total 8
        -rw-r--r--. 1 student student 39 Nov 23 07:21 deploy.yaml
        -rw-r--r--. 1 student student 14 Nov 23 07:21 svc.yaml
    "#]],
    );
    check(
        "ls nothere manifests",
        expect![[r#"
        manifests:
        deploy.yaml  svc.yaml
        --- stderr
        ls: cannot access 'nothere': No such file or directory
        --- code 2
    "#]],
    );
    check(
        "ls -z",
        expect![[r#"
        --- stderr
        ls: invalid option -- 'z'
        Try 'ls --help' for more information.
        --- code 2
    "#]],
    );
}

#[test]
fn file_commands() {
    check(
        "mkdir -p a/b/c && touch a/b/c/f && ls -R a",
        expect![[r#"
        a:
        b

        a/b:
        c

        a/b/c:
        f
    "#]],
    );
    check(
        "mkdir manifests; mkdir x/y; mkdir",
        expect![[r#"
        --- stderr
        mkdir: cannot create directory ‘manifests’: File exists
        mkdir: cannot create directory ‘x/y’: No such file or directory
        mkdir: missing operand
        Try 'mkdir --help' for more information.
        --- code 1
    "#]],
    );
    check(
        "cp pods.txt p2 && mv p2 p3 && cat p3 | head -1 && ls",
        expect![[r#"
        NAME    READY   STATUS    RESTARTS   AGE
        manifests  p3  pods.txt  words
    "#]],
    );
    check(
        "cp manifests m2; cp -r manifests m2 && ls m2",
        expect![[r#"
        deploy.yaml  svc.yaml
        --- stderr
        cp: -r not specified; omitting directory 'manifests'
    "#]],
    );
    check(
        "cp nofile x; cp a; cp; mv nofile x",
        expect![[r#"
        --- stderr
        cp: cannot stat 'nofile': No such file or directory
        cp: missing destination file operand after 'a'
        Try 'cp --help' for more information.
        cp: missing file operand
        Try 'cp --help' for more information.
        mv: cannot stat 'nofile': No such file or directory
        --- code 1
    "#]],
    );
    check(
        "rm manifests; rm nofile; rm -f nofile; rm -r manifests && ls",
        expect![[r#"
        pods.txt  words
        --- stderr
        rm: cannot remove 'manifests': Is a directory
        rm: cannot remove 'nofile': No such file or directory
    "#]],
    );
    check(
        "touch nodir/x",
        expect![[r#"
        --- stderr
        touch: cannot touch 'nodir/x': No such file or directory
        --- code 1
    "#]],
    );
    check(
        "cat pods.txt nofile manifests",
        expect![[r#"
        NAME    READY   STATUS    RESTARTS   AGE
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
        api-2   1/1     Running   3          2d
        --- stderr
        cat: nofile: No such file or directory
        cat: manifests: Is a directory
        --- code 1
    "#]],
    );
    check(
        "echo in | cat - words | head -3; cat -n words | head -2",
        expect![[r#"
        in
        b
        a
             1	b
             2	a
    "#]],
    );
}

// ----- filters -----

#[test]
fn grep_max_count() {
    // GNU grep 3.8 on the same lines: -m stops at the NUM-th match but still prints its trailing context.
    check(
        "printf 'a1\\nb\\na2\\na3\\nc\\n' > g.txt; grep -m2 a g.txt; grep -m1 -A2 a g.txt; grep -c -m2 a g.txt; grep -m0 a g.txt; echo $?; grep -m x a g.txt; echo $?",
        expect![[r#"
            a1
            a2
            a1
            b
            a2
            2
            1
            2
            --- stderr
            grep: invalid max count
        "#]],
    );
}

#[test]
fn grep_forms() {
    check(
        "grep --color=auto web pods.txt; grep --color db pods.txt; ls --color=auto manifests",
        expect![[r#"
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
        deploy.yaml  svc.yaml
    "#]],
    );
    check(
        "grep Running pods.txt",
        expect![[r#"
        web-1   1/1     Running   0          5m
        api-2   1/1     Running   3          2d
    "#]],
    );
    check(
        "grep -i running pods.txt | grep -v api",
        expect![[r#"
        web-1   1/1     Running   0          5m
    "#]],
    );
    check(
        "grep -c Running pods.txt; grep -n Pending pods.txt",
        expect![[r#"
        2
        3:db-0    0/1     Pending   0          5m
    "#]],
    );
    check(
        "grep -E 'web|db' pods.txt; grep 'web\\|db' pods.txt",
        expect![[r#"
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
    "#]],
    );
    check(
        "grep -w a words; grep -o '[0-9]/[0-9]' pods.txt",
        expect![[r#"
        a
        a
        1/1
        0/1
        1/1
    "#]],
    );
    check(
        "grep -A1 web pods.txt; grep -B1 db pods.txt; grep -C1 db pods.txt",
        expect![[r#"
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
        api-2   1/1     Running   3          2d
    "#]],
    );
    check(
        "grep -q Running pods.txt && echo found",
        expect![[r#"
        found
    "#]],
    );
    check(
        "grep nothing pods.txt; echo $?",
        expect![[r#"
        1
    "#]],
    );
    check(
        "grep x nofile; grep; grep '(' pods.txt",
        expect![[r#"
        --- stderr
        grep: nofile: No such file or directory
        Usage: grep [OPTION]... PATTERNS [FILE]...
        Try 'grep --help' for more information.
        --- code 1
    "#]],
    );
    check(
        "grep kind manifests/*.yaml",
        expect![[r#"
        manifests/deploy.yaml:kind: Deployment
        manifests/svc.yaml:kind: Service
    "#]],
    );
    check(
        "grep -l kind manifests/*.yaml; grep -h kind manifests/*.yaml",
        expect![[r#"
        manifests/deploy.yaml
        manifests/svc.yaml
        kind: Deployment
        kind: Service
    "#]],
    );
}

#[test]
fn jq_forms() {
    check(
        "oc get pods -o json | jq '.items[].metadata.name'",
        expect![[r#"
        "web-1"
        "db-0"
    "#]],
    );
    check(
        "oc get pods -o json | jq -r '.items[].metadata.name'",
        expect![[r#"
        web-1
        db-0
    "#]],
    );
    check(
        "oc get pods -o json | jq .items[0].metadata",
        expect![[r#"
        {
          "name": "web-1",
          "labels": {
            "app": "web"
          }
        }
    "#]],
    );
    check(
        "oc get pods -o json | jq -c '.items[] | {name: .metadata.name, phase: .status.phase}'",
        expect![[r#"
        {"name":"web-1","phase":"Running"}
        {"name":"db-0","phase":"Pending"}
    "#]],
    );
    check(
        "echo '{\"a\":[1,2.5,{}],\"b\":[],\"c\":null}' | jq",
        expect![[r#"
        {
          "a": [
            1,
            2.5,
            {}
          ],
          "b": [],
          "c": null
        }
    "#]],
    );
    check(
        "echo '{\"a\":[1,2.5,{}],\"b\":[],\"c\":null}' | jq .",
        expect![[r#"
        {
          "a": [
            1,
            2.5,
            {}
          ],
          "b": [],
          "c": null
        }
    "#]],
    );
    check(
        "echo null | jq -e .; echo $?",
        expect![[r#"
        null
        1
    "#]],
    );
    check(
        "echo '{}' | jq '.a[]'",
        expect![[r#"
        --- stderr
        jq: error (at <stdin>:1): Cannot iterate over null (null)
        --- code 5
    "#]],
    );
    check(
        "echo '[1]' | jq '.a'",
        expect![[r#"
        --- stderr
        jq: error (at <stdin>:1): Cannot index array with string "a"
        --- code 5
    "#]],
    );
    check(
        "echo '{}' | jq 'foo'",
        expect![[r#"
        --- stderr
        jq: error: foo/0 is not defined at <top-level>, line 1:
        foo
        jq: 1 compile error
        --- code 3
    "#]],
    );
    check(
        "oc get pods | jq .",
        expect![[r#"
        --- stderr
        parse error: Invalid numeric literal at line 1, column 5
        --- code 4
    "#]],
    );
    check(
        "echo '{\"a\":1' | jq .",
        expect![[r#"
        --- stderr
        parse error: Unfinished JSON term at EOF at line 2, column 0
        --- code 4
    "#]],
    );
    check(
        "jq -n --arg x hi '{x: $x}'",
        expect![[r#"
        {
          "x": "hi"
        }
    "#]],
    );
    check(
        "echo '[3,1,2]' | jq 'sort | map(. * 2) | length'",
        expect![[r#"
        3
    "#]],
    );
    check(
        "echo '{\"b\":1,\"a\":2}' | jq -S -c .",
        expect![[r#"
        {"a":2,"b":1}
    "#]],
    );
}

#[test]
fn jq_reads_the_session_not_the_host() {
    // `now` is the virtual clock (the same in every run), `$ENV` and `env` the shell's exported variables.
    check(
        "export GREETING=annyeong; jq -n -r '[(now | todate), $ENV.GREETING, env.GREETING] | join(\" \")'",
        expect![[r#"
            2026-11-23T07:21:35Z annyeong annyeong
        "#]],
    );
    check(
        "jq -n 'now | type'",
        expect![[r#"
            "number"
        "#]],
    );
}

#[test]
fn jq_common_filters() {
    check(
        "oc get pods -o json > pods.json; jq -r '.items[] | select(.status.phase==\"Running\") | .metadata.name' pods.json",
        expect![[r#"
            web-1
        "#]],
    );
    check(
        "oc get pods -o json | jq -r '.items[] | \"\\(.metadata.name) \\(.status.phase)\"'",
        expect![[r#"
            web-1 Running
            db-0 Pending
        "#]],
    );
    check(
        "echo '{\"p\":\"c2VjcmV0\"}' | jq -r '.p | @base64d'",
        expect![[r#"
        secret
    "#]],
    );
    check(
        "oc get pods -o json > p.json; jq '.nope[]' p.json; jq '.[' p.json; jq 'map(' p.json",
        expect![[r#"
        --- stderr
        jq: error (at p.json:8): Cannot iterate over null (null)
        jq: error: syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>, line 1:
        .[
        jq: 1 compile error
        jq: error: syntax error, unexpected $end (Unix shell quoting issues?) at <top-level>, line 1:
        map(
        jq: 1 compile error
        --- code 3
    "#]],
    );
    check(
        "oc get pods -o json | jq '[.items[].status.phase] | unique | length'",
        expect![[r#"
        2
    "#]],
    );
}

#[test]
fn head_tail_wc() {
    check(
        "head -2 pods.txt; head -n 1 words; tail -n 1 pods.txt; tail -1 words; tail -n +3 words",
        expect![[r#"
        NAME    READY   STATUS    RESTARTS   AGE
        web-1   1/1     Running   0          5m
        b
        api-2   1/1     Running   3          2d
        9
        c
        a
        B
        10
        9
    "#]],
    );
    check(
        "head -n x pods.txt; tail nofile; head -n -5 words",
        expect![[r#"
            b
            a
            --- stderr
            head: invalid number of lines: ‘x’
            tail: cannot open 'nofile' for reading: No such file or directory
        "#]],
    );
    check(
        "wc pods.txt; wc -l pods.txt; wc -w < pods.txt; cat pods.txt | wc; wc -l pods.txt words",
        expect![[r#"
          4  20 161 pods.txt
        4 pods.txt
        20
              4      20     161
          4 pods.txt
          7 words
         11 total
    "#]],
    );
    check(
        "head -n 1 pods.txt words",
        expect![[r#"
        ==> pods.txt <==
        NAME    READY   STATUS    RESTARTS   AGE

        ==> words <==
        b
    "#]],
    );
}

#[test]
fn sort_uniq() {
    check(
        "sort words",
        expect![[r#"
        10
        9
        a
        a
        b
        B
        c
    "#]],
    );
    check(
        "sort -n words | tr '\\n' ' '; echo; sort -r words | head -2; sort -u words | wc -l",
        expect![[r#"
        a a b B c 9 10 
        c
        B
        6
    "#]],
    );
    check(
        "sort words | uniq -c",
        expect![[r#"
            --- stdout
                  1 10
                  1 9
                  2 a
                  1 b
                  1 B
                  1 c
        "#]],
    );
    check(
        "sort -k5 pods.txt; sort -k 4 -n -r pods.txt | head -2",
        expect![[r#"
        api-2   1/1     Running   3          2d
        db-0    0/1     Pending   0          5m
        web-1   1/1     Running   0          5m
        NAME    READY   STATUS    RESTARTS   AGE
        api-2   1/1     Running   3          2d
        web-1   1/1     Running   0          5m
    "#]],
    );
    check(
        "sort -k x words",
        expect![[r#"
        --- stderr
        sort: invalid number at field start: invalid count at start of ‘x’
        --- code 2
    "#]],
    );
}

#[test]
fn cut_tr_base64_tee_column() {
    check(
        "echo a:b:c | cut -d: -f2; echo a:b:c | cut -d : -f 1,3; echo abcdef | cut -c2-4",
        expect![[r#"
        b
        a:c
        bcd
    "#]],
    );
    check(
        "cut pods.txt",
        expect![[r#"
        --- stderr
        cut: you must specify a list of bytes, characters, or fields
        Try 'cut --help' for more information.
        --- code 1
    "#]],
    );
    check(
        "echo hello | tr -d l; echo 'a  b   c' | tr -s ' '; echo abc | tr '[:lower:]' '[:upper:]'",
        expect![[r#"
        heo
        a b c
        ABC
    "#]],
    );
    check(
        "echo -n admin | base64; echo YWRtaW4= | base64 -d; echo; echo YWRtaW4= | base64 --decode | wc -c",
        expect![[r#"
        YWRtaW4=
        admin
        5
    "#]],
    );
    check(
        "echo 'hello world, this is a long line that needs to wrap after seventy six columns ok' | base64; echo abc | base64 -w0; echo",
        expect![[r#"
        aGVsbG8gd29ybGQsIHRoaXMgaXMgYSBsb25nIGxpbmUgdGhhdCBuZWVkcyB0byB3cmFwIGFmdGVy
        IHNldmVudHkgc2l4IGNvbHVtbnMgb2sK
        YWJjCg==
    "#]],
    );
    check(
        "echo '!!' | base64 -d",
        expect![[r#"
        --- stderr
        base64: invalid input
        --- code 1
    "#]],
    );
    check(
        "echo x | tee t1 | tr x y; cat t1; echo z | tee -a t1 > /dev/null; cat t1",
        expect![[r#"
        y
        x
        x
        z
    "#]],
    );
    check(
        "printf 'NAME STATUS\\nweb-1 Running\\nlonger-name Pending\\n' | column -t",
        expect![[r#"
        NAME         STATUS
        web-1        Running
        longer-name  Pending
    "#]],
    );
}

#[test]
fn xargs_forms() {
    check(
        "echo a b c | xargs echo got",
        expect![[r#"
        got a b c
    "#]],
    );
    check(
        "printf 'x\\ny\\n' | xargs -I{} echo item-{}",
        expect![[r#"
        item-x
        item-y
    "#]],
    );
    check(
        "echo manifests/svc.yaml | xargs cat",
        expect![[r#"
        kind: Service
    "#]],
    );
    check(
        "echo a | xargs nosuchcmd",
        expect![[r#"
        --- stderr
        xargs: nosuchcmd: No such file or directory
        --- code 127
    "#]],
    );
    check(
        "echo | xargs",
        expect![[r#"
            --- stdout

        "#]],
    );
}

#[test]
fn awk_forms() {
    check(
        "awk '{print $1}' pods.txt",
        expect![[r#"
        NAME
        web-1
        db-0
        api-2
    "#]],
    );
    check(
        "awk 'NR>1 {print $1, $3}' pods.txt",
        expect![[r#"
        web-1 Running
        db-0 Pending
        api-2 Running
    "#]],
    );
    check(
        "awk '/Running/ {print $2}' pods.txt; awk '$3 == \"Pending\"' pods.txt",
        expect![[r#"
        1/1
        1/1
        db-0    0/1     Pending   0          5m
    "#]],
    );
    check(
        "echo a:b:c | awk -F: '{print $NF, NF, $(NF-1)}'",
        expect![[r#"
        c 3 b
    "#]],
    );
    check(
        "awk 'NR>1 {n[$3]++} END {for (s in n) print s, n[s]}' pods.txt",
        expect![[r#"
        Pending 1
        Running 2
    "#]],
    );
    check(
        "awk '{sum += $4} END {print \"restarts:\", sum}' pods.txt",
        expect![[r#"
        restarts: 3
    "#]],
    );
    check(
        "awk 'BEGIN {printf \"%-6s|%5.2f\\n\", \"ab\", 3.14159}'",
        expect![[r#"
        ab    | 3.14
    "#]],
    );
    check(
        "awk -v x=5 'BEGIN {print x * 2, length(\"abc\"), toupper(\"q\"), substr(\"hello\", 2, 3)}'",
        expect![[r#"
        10 3 Q ell
    "#]],
    );
    check(
        "echo 'a b' | awk '{$2 = \"X\"; print; print NF}'",
        expect![[r#"
        a X
        2
    "#]],
    );
    check(
        "awk '{print $1' pods.txt",
        expect![[r#"
        --- stderr
        awk: cmd. line:1: {print $1
        awk: cmd. line:1: syntax error
        --- code 1
    "#]],
    );
    check(
        "awk '{print}' nofile",
        expect![[r#"
        --- stderr
        awk: fatal: cannot open file `nofile' for reading: No such file or directory
        --- code 2
    "#]],
    );
    check(
        "echo 7 | awk '{print ($1 > 5) ? \"big\" : \"small\"}'",
        expect![[r#"
        big
    "#]],
    );
}

#[test]
fn sed_forms() {
    check(
        "echo hello world | sed 's/o/0/g'; echo hello | sed 's/l/L/'",
        expect![[r#"
        hell0 w0rld
        heLlo
    "#]],
    );
    check(
        "sed -n '2p' pods.txt; sed -n '/Pending/p' pods.txt",
        expect![[r#"
        web-1   1/1     Running   0          5m
        db-0    0/1     Pending   0          5m
    "#]],
    );
    check(
        "sed '1d' pods.txt | sed 's/  */ /g'",
        expect![[r#"
        web-1 1/1 Running 0 5m
        db-0 0/1 Pending 0 5m
        api-2 1/1 Running 3 2d
    "#]],
    );
    check(
        "echo 'image: nginx:1.0' | sed -E 's/(nginx):([0-9.]+)/\\1:latest (was \\2)/'",
        expect![[r#"
        image: nginx:latest (was 1.0)
    "#]],
    );
    check(
        "echo path/to/x | sed 's|/|-|g'; echo abc | sed 's/b/[&]/'",
        expect![[r#"
        path-to-x
        a[b]c
    "#]],
    );
    check(
        "sed -i 's/web/app/' manifests/deploy.yaml && cat manifests/deploy.yaml",
        expect![[r#"
        kind: Deployment
        metadata:
          name: app
    "#]],
    );
    check(
        "sed -n '2,3p' words; sed '$d' words | tail -1; sed 3q words",
        expect![[r#"
        a
        c
        10
        b
        a
        c
    "#]],
    );
    check(
        "sed 's/x/y' words; sed -n p nofile",
        expect![[r#"
        --- stderr
        sed: -e expression #1, char 5: unterminated `s' command
        sed: can't read nofile: No such file or directory
        --- code 2
    "#]],
    );
}

// ----- nested shells -----

#[test]
fn debug_node_chroot_and_exit() {
    let mut shell = seeded();
    let mut host = TestHost::default();
    let mut transcript = String::new();
    for line in [
        "oc debug node/master01",
        "chroot /host",
        "systemctl is-active kubelet",
        "crictl ps | grep etcd",
        "cat /etc/os-release",
        "oc whoami",
        "exit",
        "exit",
        "pwd",
    ] {
        transcript.push_str(&shell.prompt());
        transcript.push_str(line);
        transcript.push('\n');
        transcript.push_str(&render(&shell.run(line, &mut host)));
    }
    transcript.push_str(&shell.prompt());
    expect![[r#"
        [student@workstation ~]$ oc debug node/master01
        --- stderr
        Starting pod/master01-debug ...
        To use host binaries, run `chroot /host`
        Pod IP: 10.0.0.5
        If you don't see a command prompt, try pressing enter.
        sh-4.4# chroot /host
        sh-5.1# systemctl is-active kubelet
        active
        # on master01
        sh-5.1# crictl ps | grep etcd
        abc123  quay.io/x  etcd
        sh-5.1# cat /etc/os-release
        NAME="Red Hat Enterprise Linux CoreOS"
        sh-5.1# oc whoami
        --- stderr
        sh: oc: command not found
        --- code 127
        sh-5.1# exit
        --- stderr
        exit
        --- code 127
        sh-4.4# exit
        --- stderr
        exit

        Removing debug pod ...
        --- code 127
        [student@workstation ~]$ pwd
        /home/student
        [student@workstation ~]$ "#]]
    .assert_eq(&transcript);
}

#[test]
fn pasted_block_continues_after_a_nested_exit() {
    let mut shell = seeded();
    let mut host = TestHost::default();
    let block = "oc debug node/master01 # master01 is the node\nchroot /host\nsystemctl is-active kubelet\nexit\nexit\necho back on $(hostname)";
    let out = shell.run(block, &mut host);
    expect![[r#"
        active
        # on master01
        back on workstation
        --- stderr
        Starting pod/master01-debug ...
        To use host binaries, run `chroot /host`
        Pod IP: 10.0.0.5
        If you don't see a command prompt, try pressing enter.
        exit
        exit

        Removing debug pod ...
        [student@workstation ~]$ "#]]
    .assert_eq(&format!("{}{}", render(&out), shell.prompt()));
}

#[test]
fn rsh_and_ssh_frames() {
    let mut shell = seeded();
    let mut host = TestHost::default();
    let mut transcript = String::new();
    for line in [
        "oc rsh web-1",
        "echo hi > /tmp/x; cat /tmp/x",
        "ls ~",
        "exit",
        "ssh core@master01",
        "cd /tmp",
        "exit",
        "cat /tmp/x",
    ] {
        transcript.push_str(&shell.prompt());
        transcript.push_str(line);
        transcript.push('\n');
        transcript.push_str(&render(&shell.run(line, &mut host)));
    }
    transcript.push_str(&shell.prompt());
    expect![[r#"
        [student@workstation ~]$ oc rsh web-1
        sh-4.4$ echo hi > /tmp/x; cat /tmp/x
        hi
        sh-4.4$ ls ~
        tmp
        sh-4.4$ exit
        --- stderr
        exit
        [student@workstation ~]$ ssh core@master01
        [core@master01 ~]$ cd /tmp
        [core@master01 tmp]$ exit
        --- stderr
        logout
        Connection to master01 closed.
        [student@workstation ~]$ cat /tmp/x
        --- stderr
        cat: /tmp/x: No such file or directory
        --- code 1
        [student@workstation ~]$ "#]]
    .assert_eq(&transcript);
}

#[test]
fn chroot_outside_a_debug_pod() {
    check(
        "chroot /host; chroot",
        expect![[r#"
        --- stderr
        chroot: cannot change root directory to '/host': Operation not permitted
        chroot: missing operand
        Try 'chroot --help' for more information.
        --- code 125
    "#]],
    );
}

#[test]
fn shell_state_round_trips_through_serde() {
    let mut shell = seeded();
    let mut host = TestHost::default();
    shell.run("export A=1; cd manifests; oc debug node/n1", &mut host);
    let json = serde_json::to_string(&shell).unwrap();
    let back: Shell = serde_json::from_str(&json).unwrap();
    assert_eq!(back, shell);
    assert_eq!(back.prompt(), "sh-4.4# ");
}

// ----- completion -----

#[test]
fn completion() {
    let shell = seeded();
    let host = TestHost::default();
    let show = |line: &str| {
        let c = shell.complete(line, line.len(), &host);
        format!("{line:?} -> {:?} {:?}\n", c.candidates, c.apply(line).0)
    };
    let text: String = [
        "ec",
        "o",
        "cat po",
        "cat man",
        "ls manifests/d",
        "oc ",
        "oc w",
        "echo $HO",
        "cat .b",
        "cd m",
        "cd p",
        "zz",
    ]
    .iter()
    .map(|l| show(l))
    .collect();
    expect![[r#"
        "ec" -> ["echo"] "echo "
        "o" -> ["oc"] "oc "
        "cat po" -> ["pods.txt"] "cat pods.txt "
        "cat man" -> ["manifests/"] "cat manifests/"
        "ls manifests/d" -> ["manifests/deploy.yaml"] "ls manifests/deploy.yaml "
        "oc " -> ["apply", "debug", "get", "whoami"] "oc "
        "oc w" -> ["whoami"] "oc whoami "
        "echo $HO" -> ["$HOME", "$HOSTNAME"] "echo $HO"
        "cat .b" -> [".bashrc"] "cat .bashrc "
        "cd m" -> ["manifests/"] "cd manifests/"
        "cd p" -> [] "cd p"
        "zz" -> [] "zz"
    "#]]
    .assert_eq(&text);
}

// ----- robustness -----

mod random_inputs {
    use proptest::prelude::*;

    use super::{TestHost, seeded};
    use crate::shell::{needs_more_input, parse};

    const FRAGMENTS: &[&str] = &[
        "echo ",
        "cat ",
        "|",
        "||",
        "&&",
        ";",
        "'",
        "\"",
        "$(",
        ")",
        "`",
        "${",
        "}",
        "$?",
        "$X",
        "X=1 ",
        "<<EOF\n",
        "\nEOF\n",
        "<<'E'\n",
        "<<-T\n",
        ">",
        ">>",
        "2>&1",
        "&>",
        "<",
        "<<<",
        "*",
        "?",
        "[",
        "\\",
        "\n",
        "#",
        " ",
        "~",
        "grep -c a ",
        "jq . ",
        "jq -r '.a[]' ",
        "awk '{print $1}' ",
        "awk 'NR>1' ",
        "sed s/a/b/g ",
        "sed -n 2p ",
        "oc debug n ",
        "oc rsh p ",
        "ssh core@n ",
        "chroot /host ",
        "exit ",
        "cd / ",
        "cd - ",
        "ls -l ",
        "ls -R ",
        "watch ",
        "xargs ",
        "sleep 1 ",
        "export ",
        "unset X ",
        "printf '%s %d' ",
        "head -n ",
        "tail -n +",
        "sort -k ",
        "cut -d: -f ",
        "tr a-z A-Z ",
        "base64 -d ",
        "wc ",
        "uniq -c ",
        "tee f ",
        "column -t ",
        "mkdir -p d ",
        "rm -rf d ",
        "cp -r ",
        "mv ",
        "touch f ",
        "history ",
        "type ",
        "which ",
        "date +%s ",
        "source f ",
        "pods.txt ",
        "manifests ",
        "words ",
        "-",
        "--",
        "1",
        "!",
        "=",
        "(",
        "&",
        "{}",
        "$",
        "${#X}",
        "${X:-y}",
        "${X#*/}",
    ];

    /// 3000 cases per property, or `SHELL_PROPTEST_CASES` for longer runs.
    fn cases() -> u32 {
        std::env::var("SHELL_PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000)
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => "[ -~\n\t]{0,6}",
            1 => "\\PC{0,4}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

        /// Inputs built from shell syntax fragments never panic the parser, completion or interpreter.
        #[test]
        fn shell_fragments_never_panic(parts in prop::collection::vec(fragment(), 0..14)) {
            let input = parts.concat();
            let _ = parse(&input);
            let _ = needs_more_input(&input);
            let mut shell = seeded();
            let mut host = TestHost::default();
            let _ = shell.complete(&input, input.len() / 2, &host);
            let first = shell.run(&input, &mut host);
            prop_assert!(first.code >= 0 && first.code <= 255, "exit code {} for {input:?}", first.code);
            let _ = shell.run(&input, &mut host);
            prop_assert!(!shell.frames.is_empty());
            let _ = shell.prompt();
        }

        /// Arbitrary Unicode text never panics either.
        #[test]
        fn arbitrary_text_never_panics(input in "\\PC{0,40}") {
            let mut shell = seeded();
            let mut host = TestHost::default();
            let _ = needs_more_input(&input);
            let _ = shell.complete(&input, input.len(), &host);
            let _ = shell.run(&input, &mut host);
        }
    }
}
