//! The learner's shell: parsing, expansion, pipes, redirection, builtins and text filters.
