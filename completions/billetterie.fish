function __billetterie_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __billetterie_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __billetterie_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __billetterie_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __billetterie_parse_tokens -S
    set -l unparsed_tokens (__billetterie_tokens -pc)
    switch $unparsed_tokens[1]
    case 'billetterie'
        __billetterie_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'venue-name=' 'currency=' 'timezone=' 'admin-email=' 'admin-name=' 'admin-password-stdin' 'version' 'h/help'
        case 'user'
            __billetterie_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'register'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'email=' 'name=' 'role=' 'password-stdin' 'version' 'h/help'
            case 'login'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'email=' 'password-stdin' 'totp=' 'print-token' 'version' 'h/help'
            case 'logout'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'whoami'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'list'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'limit=' 'offset=' 'role=' 'version' 'h/help'
            case 'show'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'role'
                __billetterie_parse_subcommand 2 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'passwd'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'password-stdin' 'version' 'h/help'
            case 'mfa'
                __billetterie_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'enable'
                    __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'version' 'h/help'
                case 'disable'
                    __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'totp=' 'user=' 'version' 'h/help'
                end
            case 'history'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
            end
        case 'event'
            __billetterie_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'title=' 'starts-at=' 'ends-at=' 'venue=' 'address=' 'category=' 'capacity=' 'timezone=' 'currency=' 'description=' 'sales-start=' 'sales-end=' 'publish' 'organizer=' 'version' 'h/help'
            case 'update'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'title=' 'starts-at=' 'ends-at=' 'venue=' 'address=' 'category=' 'capacity=' 'timezone=' 'currency=' 'description=' 'sales-start=' 'sales-end=' 'version' 'h/help'
            case 'publish'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'cancel'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'reason=' 'version' 'h/help'
            case 'show'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'delete'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'list'
                __billetterie_parse_subcommand 0 'db=' 'outbox=' 'json' 'limit=' 'offset=' 'query=' 'category=' 'venue=' 'from=' 'to=' 'status=' 'version' 'h/help'
            case 'tier'
                __billetterie_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'add'
                    __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'name=' 'price=' 'quota=' 'max-per-order=' 'addon' 'no-addon' 'sales-start=' 'sales-end=' 'version' 'h/help'
                case 'list'
                    __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
                case 'update'
                    __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'event=' 'name=' 'price=' 'quota=' 'max-per-order=' 'addon' 'no-addon' 'sales-start=' 'sales-end=' 'version' 'h/help'
                end
            case 'import'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'version' 'h/help'
            case 'export'
                __billetterie_parse_subcommand 1 'db=' 'outbox=' 'json' 'format=' 'o/output=' 'version' 'h/help'
            end
        case 'help'
            __billetterie_parse_subcommand -r 1 'version'
        end
    end
end

function __billetterie_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __billetterie_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __billetterie_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __billetterie_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__billetterie_tokens -p)
    if test -z "$(__billetterie_tokens -t)"
        set -l index (count (__billetterie_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'billetterie' -f
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie" -eq 1' -fa 'init' -d 'Create a new store: schema, ticket-signing keys and the first admin.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie" -eq 1' -fa 'user' -d 'People and sessions: register, log in, roles, passwords, two-factor login.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie" -eq 1' -fa 'event' -d 'Events and their ticket tiers: create, find, change, import and export.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" venue-name' -l 'venue-name' -d 'The venue\'s name, shown on tickets and receipts.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" currency' -l 'currency' -d 'Default ISO 4217 currency for events.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" timezone' -l 'timezone' -d 'Default IANA time zone for events (default: this machine\'s).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" admin-email' -l 'admin-email' -d 'The first admin\'s e-mail address; they log in with it.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" admin-name' -l 'admin-name' -d 'The first admin\'s name (default: the part of the e-mail before @).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" admin-password-stdin' -l 'admin-password-stdin' -d 'Read the admin\'s password from standard input (one line) instead of asking.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'register' -d 'Create an account (participants self-register; other roles need an admin).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'login' -d 'Log in and save the session for the commands that follow.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'logout' -d 'End the current session (the saved one, or $BILLETTERIE_TOKEN\'s).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'whoami' -d 'Show who is logged in, with which role, until when.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'list' -d 'List accounts (admins only), in e-mail order.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'show' -d 'Show one account by id or e-mail (one\'s own, or anyone\'s for admins).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'role' -d 'Give an account another role (admins only).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'passwd' -d 'Change your password; your other sessions are logged out.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'mfa' -d 'Turn two-factor login (TOTP, RFC 6238) on or off.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user" -eq 1' -fa 'history' -d 'List an account\'s purchases (one\'s own, or anyone\'s for admins).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" email' -l 'email' -d 'The e-mail address they log in with.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" name' -l 'name' -d 'Their name, as shown on tickets and lists.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" role' -l 'role' -d 'admin, organizer, staff or participant (default participant).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" password-stdin' -l 'password-stdin' -d 'Read the password from standard input (one line) instead of asking.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user register" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" email' -l 'email' -d 'The account\'s e-mail address.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" password-stdin' -l 'password-stdin' -d 'Read the password from standard input (one line) instead of asking.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" totp' -l 'totp' -d 'The 6-digit code from the authenticator app, when two-factor login is on.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" print-token' -l 'print-token' -d 'Print the token on stdout instead of saving the session.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user logout" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user logout" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user logout" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user logout" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user whoami" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user whoami" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user whoami" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user whoami" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" limit' -l 'limit' -d 'Show at most this many (default 50).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" offset' -l 'offset' -d 'Skip this many first (for paging).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" role' -l 'role' -d 'Only this role: admin, organizer, staff or participant.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user show" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user show" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user show" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user show" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user role" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user role" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user role" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user role" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user role" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user passwd" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user passwd" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user passwd" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user passwd" password-stdin' -l 'password-stdin' -d 'Read the current and the new password from standard input, one per line.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user passwd" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user passwd" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user mfa" -eq 1' -fa 'enable' -d 'Turn two-factor login on at once; shows the secret, its otpauth:// URI and QR.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie user mfa" -eq 1' -fa 'disable' -d 'Turn two-factor login off (yours with a current code; anyone\'s as an admin).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa enable" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa enable" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa enable" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa enable" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa enable" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" totp' -l 'totp' -d 'A current code from your authenticator app.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" user' -l 'user' -d 'Someone else\'s account (admins only).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user mfa disable" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user history" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user history" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user history" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user history" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie user history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'create' -d 'Create an event (a draft unless --publish).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'update' -d 'Change an event\'s details (its organizer or an admin).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'publish' -d 'Publish a draft: everyone can see it and, once tiers are on sale, buy.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'cancel' -d 'Cancel an event (a draft or a published one), saying why.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'show' -d 'Show an event with its tiers, times in its own zone.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'delete' -d 'Delete a draft that never sold anything (others are cancelled instead).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'list' -d 'Find events: full-text search and filters, soonest first.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'tier' -d 'Ticket types of an event: admission tiers and add-ons.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'import' -d 'Create or update an event and its tiers from a JSON or YAML file.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event" -eq 1' -fa 'export' -d 'Write an event and its tiers as JSON or YAML, the format `event import` reads.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" title' -l 'title' -d 'The title (create: required).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" starts-at' -l 'starts-at' -d 'When it starts: 2026-06-21T20:30 in the event\'s zone, or with an offset (create: required).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" ends-at' -l 'ends-at' -d 'When it ends (default: 3 hours after the start).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" venue' -l 'venue' -d 'The venue\'s name; a known venue is reused (create: required).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" address' -l 'address' -d 'The venue\'s address (replaces the stored one).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" category' -l 'category' -d 'concert, match, conference, theatre... (kept as a slug).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" capacity' -l 'capacity' -d 'How many admission tickets in all, across tiers.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" timezone' -l 'timezone' -d 'IANA time zone (default: the store\'s).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" currency' -l 'currency' -d 'ISO 4217 currency for its prices (default: the store\'s).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" description' -l 'description' -d 'A description, searched by `event list --query`.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" sales-start' -l 'sales-start' -d 'When sales open.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" sales-end' -l 'sales-end' -d 'When sales close.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" publish' -l 'publish' -d 'Publish at once instead of keeping a draft.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" organizer' -l 'organizer' -d 'Whose event it is (admins only; default: yourself).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" title' -l 'title' -d 'The title (create: required).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" starts-at' -l 'starts-at' -d 'When it starts: 2026-06-21T20:30 in the event\'s zone, or with an offset (create: required).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" ends-at' -l 'ends-at' -d 'When it ends (default: 3 hours after the start).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" venue' -l 'venue' -d 'The venue\'s name; a known venue is reused (create: required).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" address' -l 'address' -d 'The venue\'s address (replaces the stored one).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" category' -l 'category' -d 'concert, match, conference, theatre... (kept as a slug).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" capacity' -l 'capacity' -d 'How many admission tickets in all, across tiers.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" timezone' -l 'timezone' -d 'IANA time zone (default: the store\'s).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" currency' -l 'currency' -d 'ISO 4217 currency for its prices (default: the store\'s).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" description' -l 'description' -d 'A description, searched by `event list --query`.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" sales-start' -l 'sales-start' -d 'When sales open.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" sales-end' -l 'sales-end' -d 'When sales close.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event publish" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event publish" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event publish" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event publish" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event publish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event cancel" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event cancel" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event cancel" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event cancel" reason' -l 'reason' -d 'Why: ticket holders will read it.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event cancel" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event show" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event show" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event show" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event show" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event delete" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event delete" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event delete" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event delete" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" limit' -l 'limit' -d 'Show at most this many (default 50).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" offset' -l 'offset' -d 'Skip this many first (for paging).' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" query' -l 'query' -d 'Words to search for.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" category' -l 'category' -d 'Only this category.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" venue' -l 'venue' -d 'Only at this venue.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" from' -l 'from' -d 'Only events still going on at or after this time.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" to' -l 'to' -d 'Only events starting at or before this time.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" status' -l 'status' -d 'draft, published, cancelled or past.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event tier" -eq 1' -fa 'add' -d 'Add a tier to an event.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event tier" -eq 1' -fa 'list' -d 'List an event\'s tiers.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_positional "billetterie event tier" -eq 1' -fa 'update' -d 'Change a tier (by id, or by name with --event).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" name' -l 'name' -d 'The tier\'s name: VIP, Standard, Parking...' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" price' -l 'price' -d 'The price, a decimal in the event\'s currency: 25, 12.50.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" quota' -l 'quota' -d 'At most this many of this tier are sold.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" max-per-order' -l 'max-per-order' -d 'At most this many of this tier in one order.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" addon' -l 'addon' -d 'An add-on (parking, meal...): sold, but does not admit.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" no-addon' -l 'no-addon' -d 'An add-on (parking, meal...): sold, but does not admit.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" sales-start' -l 'sales-start' -d 'When this tier goes on sale.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" sales-end' -l 'sales-end' -d 'When this tier\'s sales close.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier list" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier list" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier list" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier list" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" event' -l 'event' -d 'The event, when the tier is named by name.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" name' -l 'name' -d 'The tier\'s name: VIP, Standard, Parking...' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" price' -l 'price' -d 'The price, a decimal in the event\'s currency: 25, 12.50.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" quota' -l 'quota' -d 'At most this many of this tier are sold.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" max-per-order' -l 'max-per-order' -d 'At most this many of this tier in one order.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" addon' -l 'addon' -d 'An add-on (parking, meal...): sold, but does not admit.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" no-addon' -l 'no-addon' -d 'An add-on (parking, meal...): sold, but does not admit.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" sales-start' -l 'sales-start' -d 'When this tier goes on sale.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" sales-end' -l 'sales-end' -d 'When this tier\'s sales close.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event tier update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event import" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event import" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event import" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event import" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" db' -l 'db' -d 'The store file. Default: $BILLETTERIE_DB, else $XDG_DATA_HOME/billetterie/billetterie.sqlite3.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" outbox' -l 'outbox' -d 'Where messages and files are written. Default: $BILLETTERIE_OUTBOX, else outbox/ beside the store.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" json' -l 'json' -d 'Print one JSON document on stdout (errors as JSON on stderr).'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" format' -l 'format' -d 'json (default) or yaml.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" o output' -s 'o' -l 'output' -d 'Write to this file instead of stdout.' -rfka ''
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" version' -l 'version' -d 'Show the version.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie event export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'billetterie' -n '__billetterie_should_offer_completions_for_flags_or_options "billetterie help" version' -l 'version' -d 'Show the version.'
