//! Bash arithmetic for `$((...))`: 64-bit integers with C operators and shell variables.

/// Evaluates `text`, looking variables up with `var`; the error is bash's message without the `bash: ` prefix.
pub(super) fn eval(text: &str, var: &dyn Fn(&str) -> Option<String>) -> Result<i64, String> {
    let mut parser = Arith {
        s: text.chars().collect(),
        i: 0,
        var,
        depth: 0,
    };
    if parser.s.iter().all(|c| c.is_whitespace()) {
        return Ok(0);
    }
    let value = parser.ternary()?;
    parser.ws();
    if parser.i < parser.s.len() {
        return Err(parser.error("syntax error in expression"));
    }
    Ok(value)
}

struct Arith<'a> {
    s: Vec<char>,
    i: usize,
    var: &'a dyn Fn(&str) -> Option<String>,
    depth: usize,
}

impl Arith<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|c| c.is_whitespace()) {
            self.i += 1;
        }
    }

    fn error(&self, what: &str) -> String {
        let text: String = self.s.iter().collect();
        let rest: String = self.s[self.i.min(self.s.len())..].iter().collect();
        format!(
            "{}: {what} (error token is \"{}\")",
            text.trim(),
            rest.trim()
        )
    }

    fn eat(&mut self, op: &str) -> bool {
        self.ws();
        let n = op.chars().count();
        if self.s.len() >= self.i + n && self.s[self.i..self.i + n].iter().copied().eq(op.chars()) {
            // Do not take `<` out of `<=` or `*` out of `**` and so on.
            let next = self.s.get(self.i + n).copied();
            let longer = matches!(
                (op, next),
                ("<" | ">" | "=" | "!", Some('='))
                    | ("*", Some('*'))
                    | ("&", Some('&'))
                    | ("|", Some('|'))
            );
            if longer {
                return false;
            }
            self.i += n;
            true
        } else {
            false
        }
    }

    fn ternary(&mut self) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(self.error("expression recursion level exceeded"));
        }
        let cond = self.or()?;
        let result = if self.eat("?") {
            let a = self.ternary()?;
            if !self.eat(":") {
                return Err(self.error("`:' expected for conditional expression"));
            }
            let b = self.ternary()?;
            if cond != 0 { a } else { b }
        } else {
            cond
        };
        self.depth -= 1;
        Ok(result)
    }

    fn or(&mut self) -> Result<i64, String> {
        let mut left = self.and()?;
        while self.eat("||") {
            let right = self.and()?;
            left = i64::from(left != 0 || right != 0);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<i64, String> {
        let mut left = self.equality()?;
        while self.eat("&&") {
            let right = self.equality()?;
            left = i64::from(left != 0 && right != 0);
        }
        Ok(left)
    }

    fn equality(&mut self) -> Result<i64, String> {
        let mut left = self.relational()?;
        loop {
            if self.eat("==") {
                left = i64::from(left == self.relational()?);
            } else if self.eat("!=") {
                left = i64::from(left != self.relational()?);
            } else {
                return Ok(left);
            }
        }
    }

    fn relational(&mut self) -> Result<i64, String> {
        let mut left = self.additive()?;
        loop {
            if self.eat("<=") {
                left = i64::from(left <= self.additive()?);
            } else if self.eat(">=") {
                left = i64::from(left >= self.additive()?);
            } else if self.eat("<") {
                left = i64::from(left < self.additive()?);
            } else if self.eat(">") {
                left = i64::from(left > self.additive()?);
            } else {
                return Ok(left);
            }
        }
    }

    fn additive(&mut self) -> Result<i64, String> {
        let mut left = self.multiplicative()?;
        loop {
            if self.eat("+") {
                left = left.wrapping_add(self.multiplicative()?);
            } else if self.eat("-") {
                left = left.wrapping_sub(self.multiplicative()?);
            } else {
                return Ok(left);
            }
        }
    }

    fn multiplicative(&mut self) -> Result<i64, String> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat("*") {
                '*'
            } else if self.eat("/") {
                '/'
            } else if self.eat("%") {
                '%'
            } else {
                return Ok(left);
            };
            let at = self.i;
            let right = self.unary()?;
            left = match op {
                '*' => left.wrapping_mul(right),
                _ if right == 0 => {
                    self.i = at;
                    self.ws();
                    return Err(self.error("division by 0"));
                }
                '/' => left.wrapping_div(right),
                _ => left.wrapping_rem(right),
            };
        }
    }

    fn unary(&mut self) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(self.error("expression recursion level exceeded"));
        }
        let result = if self.eat("-") {
            self.unary().map(i64::wrapping_neg)
        } else if self.eat("+") {
            self.unary()
        } else if self.eat("!") {
            self.unary().map(|v| i64::from(v == 0))
        } else {
            self.power()
        };
        self.depth -= 1;
        result
    }

    fn power(&mut self) -> Result<i64, String> {
        let base = self.primary()?;
        if self.eat("**") {
            let exp = self.unary()?;
            if exp < 0 {
                return Err(self.error("exponent less than 0"));
            }
            return Ok(base.wrapping_pow(exp.min(u32::MAX as i64) as u32));
        }
        Ok(base)
    }

    fn primary(&mut self) -> Result<i64, String> {
        self.ws();
        if self.eat("(") {
            let v = self.ternary()?;
            if !self.eat(")") {
                return Err(self.error("missing `)'"));
            }
            return Ok(v);
        }
        let start = self.i;
        match self.s.get(self.i) {
            Some(c) if c.is_ascii_digit() => {
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    self.i += 1;
                }
                let text: String = self.s[start..self.i].iter().collect();
                parse_number(&text).ok_or_else(|| {
                    self.i = start;
                    self.error("value too great for base")
                })
            }
            Some(c) if c.is_ascii_alphabetic() || *c == '_' => {
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    self.i += 1;
                }
                let name: String = self.s[start..self.i].iter().collect();
                let value = (self.var)(&name).unwrap_or_default();
                Ok(parse_number(value.trim()).unwrap_or(0))
            }
            _ => Err(self.error("syntax error: operand expected")),
        }
    }
}

fn parse_number(text: &str) -> Option<i64> {
    if text.is_empty() {
        return Some(0);
    }
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        i64::from_str_radix(hex, 16).ok()
    } else if text.len() > 1 && text.starts_with('0') {
        i64::from_str_radix(&text[1..], 8).ok()
    } else {
        text.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::eval;

    #[test]
    fn arithmetic() {
        let var = |name: &str| (name == "x").then(|| "6".to_owned());
        assert_eq!(eval("1 + 2 * 3", &var), Ok(7));
        assert_eq!(eval("(1 + 2) * 3", &var), Ok(9));
        assert_eq!(eval("x / 4 + x % 4", &var), Ok(3));
        assert_eq!(eval("2 ** 10 - -1", &var), Ok(1025));
        assert_eq!(eval("x > 5 && x <= 6 ? 10 : 20", &var), Ok(10));
        assert_eq!(eval("0x10 + 010 + y", &var), Ok(24));
        assert_eq!(
            eval("1 / 0", &var),
            Err("1 / 0: division by 0 (error token is \"0\")".to_owned())
        );
        assert_eq!(
            eval("1 +", &var),
            Err("1 +: syntax error: operand expected (error token is \"\")".to_owned())
        );
    }
}
